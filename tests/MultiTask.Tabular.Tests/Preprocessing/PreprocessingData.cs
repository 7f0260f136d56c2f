using MultiTask.Tabular;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tabular.Tests.Preprocessing;

/// <summary>
/// The real datasets as tables, prepared exactly as tests/reference/preprocessing_reference.py prepares them:
/// training rows are those with index % 3 != 2, test rows those with index % 3 == 2; "masked" sets cell (i, j)
/// missing when (7 i + 13 j) % 10 == 0.
/// </summary>
internal static class PreprocessingData
{
    public static readonly string[] AdultNames =
    [
        "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship",
        "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
    ];

    public static readonly string[] AdultNumeric = ["age", "fnlwgt", "education-num", "capital-gain", "capital-loss", "hours-per-week"];

    public static readonly string[] AdultCategorical = ["workclass", "education", "marital-status", "occupation", "relationship", "race", "sex", "native-country"];

    private static readonly Lazy<TabularData> AdultTrain = new(() => ReadAdult("adult.data.gz", 0));
    private static readonly Lazy<TabularData> AdultTest = new(() => ReadAdult("adult.test.gz", 1));

    public static (TabularData Train, TabularData Test) Diabetes() => Split(ToyDatasets.Diabetes());

    public static (TabularData Train, TabularData Test) DiabetesMasked() => Split(ToyDatasets.Diabetes(), masked: true);

    public static (TabularData Train, TabularData Test) BreastCancer() => Split(ToyDatasets.BreastCancer());

    public static (TabularData Train, TabularData Test) BreastCancerMasked() => Split(ToyDatasets.BreastCancer(), masked: true);

    public static (TabularData Train, TabularData Test) Wine() => Split(ToyDatasets.Wine());

    public static (TabularData Train, TabularData Test) Energy() => Split(ToyDatasets.EnergyEfficiency());

    public static (TabularData Train, TabularData Test) EnergyMasked() => Split(ToyDatasets.EnergyEfficiency(), masked: true);

    public static (TabularData Train, TabularData Test) WineMasked() => Split(ToyDatasets.Wine(), masked: true);

    /// <summary>Diabetes masked, with column "bp" entirely missing in the training rows.</summary>
    public static (TabularData Train, TabularData Test) DiabetesEmpty()
    {
        var (train, test) = DiabetesMasked();
        var empty = new NumericColumn("bp", Enumerable.Repeat(double.NaN, train.RowCount).ToArray());
        return (new TabularData(train.Columns.Select(c => c.Name == "bp" ? empty : c)), test);
    }

    /// <summary>Wine with a 14th column "constant": 3.5 in every training row, numpy.linspace(3, 4) over the test rows.</summary>
    public static (TabularData Train, TabularData Test) WineConstant()
    {
        var (train, test) = Wine();
        int n = test.RowCount;
        var ramp = Enumerable.Range(0, n).Select(i => i == n - 1 ? 4.0 : 3.0 + (i * (1.0 / (n - 1)))).ToArray();
        return (
            new TabularData([.. train.Columns, new NumericColumn("constant", Enumerable.Repeat(3.5, train.RowCount).ToArray())]),
            new TabularData([.. test.Columns, new NumericColumn("constant", ramp)]));
    }

    /// <summary>adult.data (32,561 rows) and adult.test (16,281 rows), read by <see cref="TabularCsv"/>.</summary>
    public static (TabularData Train, TabularData Test) Adult() => (AdultTrain.Value, AdultTest.Value);

    /// <summary>Adult features (no income) with missing numbers too: age missing when row % 13 == 0, hours-per-week when row % 17 == 5.</summary>
    public static TabularData AdultFeaturesMasked(TabularData adult)
    {
        var columns = adult.Without(["income"]).Columns.Select(c => c.Name switch
        {
            "age" => Mask((NumericColumn)c, i => i % 13 == 0),
            "hours-per-week" => Mask((NumericColumn)c, i => i % 17 == 5),
            _ => c,
        });
        return new TabularData(columns);
    }

    public static TabularData Table(double[,] x, IReadOnlyList<string> names) => TabularData.FromMatrix(x, names);

    private static TabularColumn Mask(NumericColumn column, Func<int, bool> missing)
        => new NumericColumn(column.Name, column.Values.Select((v, i) => missing(i) ? double.NaN : v).ToArray());

    private static (TabularData Train, TabularData Test) Split(ToyDatasets.Dataset dataset, bool masked = false)
    {
        var x = (double[,])dataset.X.Clone();
        if (masked)
        {
            for (int i = 0; i < x.GetLength(0); i++)
            {
                for (int j = 0; j < x.GetLength(1); j++)
                {
                    if (((7 * i) + (13 * j)) % 10 == 0)
                    {
                        x[i, j] = double.NaN;
                    }
                }
            }
        }

        var table = Table(x, dataset.FeatureNames);
        var rows = Enumerable.Range(0, table.RowCount).ToArray();
        return (table.TakeRows(rows.Where(i => i % 3 != 2).ToArray()), table.TakeRows(rows.Where(i => i % 3 == 2).ToArray()));
    }

    private static TabularData ReadAdult(string file, int skipLines)
        => TabularCsv.Read(TestData.File("adult", file), new CsvReadOptions
        {
            HasHeader = false,
            ColumnNames = AdultNames,
            SkipLines = skipLines,
        });
}
