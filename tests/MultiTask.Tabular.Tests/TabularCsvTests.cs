using System.IO.Compression;
using MultiTask.Tabular;
using MultiTask.Tabular.Tests.Preprocessing;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tabular.Tests;

public sealed class TabularCsvTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Adult_ReadsAsItsReadmeDescribes()
    {
        var (train, test) = PreprocessingData.Adult();

        train.RowCount.Should().Be(32561);
        test.RowCount.Should().Be(16281);
        train.ColumnNames.Should().Equal(PreprocessingData.AdultNames);
        train.Columns.Where(c => c is NumericColumn).Select(c => c.Name).Should().Equal(PreprocessingData.AdultNumeric);
        foreach (var (table, counts) in new[] { (train, new[] { 1836, 1843, 583 }), (test, new[] { 963, 966, 274 }) })
        {
            new[] { "workclass", "occupation", "native-country" }.Select(c => table[c].MissingCount).Should().Equal(counts);
            table.Columns.Where(c => c.Name is not ("workclass" or "occupation" or "native-country")).Should().OnlyContain(c => c.MissingCount == 0);
        }

        train.Numeric("age")[0].Should().Be(39);
        train.Categorical("workclass")[0].Should().Be("State-gov");
        train.Categorical("income").Values.Count(v => v == ">50K").Should().Be(7841);
        test.Categorical("income").Categories.Should().Equal("<=50K.", ">50K.");
    }

    [Fact]
    public void HeaderFile_MatchesTheReferenceLoader()
    {
        var expected = ToyDatasets.EnergyEfficiency();

        var table = TabularCsv.Read(TestData.File("energy-efficiency", "ENB2012_data.csv"));

        table.ColumnNames.Should().Equal(["X1", "X2", "X3", "X4", "X5", "X6", "X7", "X8", "Y1", "Y2"]);
        table.RowCount.Should().Be(768);
        table.Numeric("X2")[767].Should().Be(expected.X[767, 1]);
        table.Numeric("Y1").Values.Should().Equal(expected.Targets[0]);
    }

    [Fact]
    public void NonNumericValueInNumericColumn_NamesFileLineAndColumn()
    {
        string path = Write("x.csv", "id,age,city\n1,30,Oslo\n\n2,abc,Rome\n");

        var act = () => TabularCsv.Read(path, new CsvReadOptions { CategoricalColumns = ["city"] });

        act.Should().Throw<FormatException>().WithMessage($"file '{path}', line 4, column 'age': 'abc' is not a number.");
    }

    [Fact]
    public void DetectedTypes_KeepTheTextOfCategoricalColumns()
    {
        string path = Write("x.csv", "zip,n,empty\n0101,1.5,\n0202, 2 ,NA\nx1,?,\n");

        var table = TabularCsv.Read(path);

        table.Categorical("zip").Values.Should().Equal("0101", "0202", "x1");
        table.Numeric("n").Values.Should().Equal(1.5, 2.0, double.NaN);
        table.Numeric("empty").MissingCount.Should().Be(3);
    }

    [Fact]
    public void QuotedFields_MayHoldSeparatorsQuotesAndMarkers()
    {
        string path = Write("q.csv", "name;v\n\"a;b\";1\n \"say \"\"hi\"\"\" ;2\n\"?\";3\n");

        var table = TabularCsv.Read(path, new CsvReadOptions { Separator = ';' });

        table.Categorical("name").Values.Should().Equal("a;b", "say \"hi\"", null);
    }

    [Fact]
    public void MalformedLines_AreReportedWithTheirLineNumber()
    {
        string fields = Write("f.csv", "a,b\n1,2\n3\n");
        string quote = Write("q.csv", "a,b\n1,\"2\n");

        var wrongCount = () => TabularCsv.Read(fields);
        var openQuote = () => TabularCsv.Read(quote);

        wrongCount.Should().Throw<FormatException>().WithMessage($"file '{fields}', line 3: 1 fields; expected 2 (a, b).");
        openQuote.Should().Throw<FormatException>().WithMessage($"file '{quote}', line 2: field 2 opens a quote*");
    }

    [Fact]
    public void InfiniteValue_IsRejected()
    {
        string path = Write("i.csv", "a\n1\nInfinity\n");

        var act = () => TabularCsv.Read(path, new CsvReadOptions { CategoricalColumns = [] });

        act.Should().Throw<FormatException>().WithMessage("*line 3, column 'a': 'Infinity' is not a finite number.");
    }

    [Fact]
    public void GzipByExtension_CustomMarkers_AndGivenNames()
    {
        string path = _dir.File("data.txt.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Fastest))
        using (var writer = new StreamWriter(gzip))
        {
            writer.Write("skip me\n1\t-\tred\n2\t5\t-\n");
        }

        var table = TabularCsv.Read(path, new CsvReadOptions
        {
            Separator = '\t',
            HasHeader = false,
            ColumnNames = ["id", "score", "colour"],
            MissingMarkers = ["-"],
            SkipLines = 1,
        });

        table.Numeric("score").Values.Should().Equal(double.NaN, 5.0);
        table.Categorical("colour").Values.Should().Equal("red", null);
    }

    [Fact]
    public void BadOptions_AreNamed()
    {
        string path = Write("x.csv", "a,b\n1,2\n");

        var unknownColumn = () => TabularCsv.Read(path, new CsvReadOptions { CategoricalColumns = ["c"] });
        var missingFile = () => TabularCsv.Read(_dir.File("none.csv"));
        var duplicate = () => TabularCsv.Read(Write("d.csv", "a,a\n1,2\n"));

        unknownColumn.Should().Throw<ArgumentException>().WithMessage($"CsvReadOptions.CategoricalColumns names column 'c', which is not in file '{path}'; its columns are 'a', 'b'.*");
        missingFile.Should().Throw<FileNotFoundException>();
        duplicate.Should().Throw<FormatException>().WithMessage("*line 1: column name 'a' appears more than once.");
    }

    [Fact]
    public void TaskColumns_SplitAndLabelTheTasks()
    {
        var (train, test) = PreprocessingData.Adult();

        var (features, tasks) = TaskColumns.Split(train, "income", "marital-status");
        int[] income = TaskColumns.Labels(tasks.Categorical("income"), ["<=50K", ">50K"]);
        int[] testIncome = TaskColumns.Labels(test.Categorical("income"), v => v.TrimEnd('.') == ">50K" ? 1 : 0);

        features.ColumnNames.Should().HaveCount(13).And.NotContain(["income", "marital-status"]);
        tasks.ColumnNames.Should().Equal("income", "marital-status");
        income.Sum().Should().Be(7841);
        testIncome.Length.Should().Be(16281);
        var unknown = () => TaskColumns.Labels(test.Categorical("income"), ["<=50K", ">50K"]);
        unknown.Should().Throw<ArgumentException>().WithMessage("Task column 'income', row 0: '<=50K.' is not one of '<=50K', '>50K'.*");
        TaskColumns.Labels(new CategoricalColumn("t", ["b", null]), ["a", "b"]).Should().Equal(1, TaskSpec.MissingClass);
    }

    private string Write(string name, string text)
    {
        string path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Options_RejectBlankOrRepeatedColumnNames_ByName()
    {
        var blank = () => new CsvReadOptions { ColumnNames = ["a", " "] };
        var repeated = () => new CsvReadOptions { ColumnNames = ["a", "b", "a"] };

        blank.Should().Throw<ArgumentException>().WithMessage("ColumnNames[1] is blank*").WithParameterName("ColumnNames");
        repeated.Should().Throw<ArgumentException>().WithMessage("ColumnNames lists 'a' twice*");
    }
}
