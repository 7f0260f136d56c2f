using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;

namespace Samples.Adult;

/// <summary>
/// Reads the UCI Adult files (tests/data/adult, copied next to the program by the build) and builds the preprocessing
/// the Adult samples share: median imputation and standardisation of the numbers, most-frequent imputation and one-hot
/// encoding of the categories (fewer than 50 rows grouped as infrequent, unseen ones sent to that group).
/// </summary>
internal static class AdultCensus
{
    /// <summary>The 15 columns of adult.data and adult.test (the files have no header).</summary>
    public static readonly string[] ColumnNames =
    [
        "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship",
        "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
    ];

    /// <summary>The folder of the data files: the first argument that is not an option, else data/ next to the program.</summary>
    public static string DataFolder(IEnumerable<string> args)
        => args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>The official training file (32,561 rows) and test file (16,281 rows).</summary>
    public static (TabularData Train, TabularData Test) Read(string folder)
    {
        var train = TabularCsv.Read(Path.Combine(folder, "adult.data.gz"), new CsvReadOptions { HasHeader = false, ColumnNames = ColumnNames });
        // adult.test starts with the line "|1x3 Cross validator".
        var test = TabularCsv.Read(Path.Combine(folder, "adult.test.gz"), new CsvReadOptions { HasHeader = false, ColumnNames = ColumnNames, SkipLines = 1 });
        return (train, test);
    }

    /// <summary>Income &gt; 50K as 1 (adult.test writes its labels with a trailing period).</summary>
    public static int[] HighIncome(TabularData table)
        => TaskColumns.Labels(table.Categorical("income"), v => v.TrimEnd('.') switch { "<=50K" => 0, ">50K" => 1, _ => -1 });

    /// <summary>Marital status "Never-married" as 1.</summary>
    public static int[] NeverMarried(TabularData table)
        => TaskColumns.Labels(table.Categorical("marital-status"), v => v == "Never-married" ? 1 : 0);

    /// <summary>More than 40 working hours a week as 1.</summary>
    public static int[] LongHours(TabularData table)
        => table.Numeric("hours-per-week").Values.Select(h => h > 40 ? 1 : 0).ToArray();

    /// <summary>The unfitted preprocessing of the feature columns.</summary>
    public static ColumnTransformer Preprocessing() => new ColumnTransformer()
        .Add("num", new Pipeline(new SimpleImputer { Strategy = ImputationStrategy.Median }, new StandardScaler()), ColumnKind.Numeric)
        .Add("cat", new Pipeline(
            new SimpleImputer { Strategy = ImputationStrategy.MostFrequent },
            new OneHotEncoder { MinFrequency = 50, HandleUnknown = UnknownCategoryHandling.InfrequentIfExist }), ColumnKind.Categorical);

    /// <summary>
    /// A fixed random order of <paramref name="rowCount"/> rows (System.Random with <paramref name="seed"/>), from which
    /// the samples cut their validation rows and training rows.
    /// </summary>
    public static int[] Shuffled(int rowCount, int seed)
    {
        var rows = Enumerable.Range(0, rowCount).ToArray();
        new Random(seed).Shuffle(rows);
        return rows;
    }
}
