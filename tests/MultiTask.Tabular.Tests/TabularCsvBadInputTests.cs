using System.IO.Compression;
using System.Text;
using MultiTask.Tabular;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tabular.Tests;

/// <summary>
/// Hostile and unusual CSV input: each case is a specific error naming the file (and line and column where there is
/// one), or a documented behaviour checked against the text of the file.
/// </summary>
public sealed class TabularCsvBadInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(30)]
    public void TruncatedGzip_IsDetected_NamingTheFile(int cut)
    {
        string path = Gzip("t.csv.gz", "a,b\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"{i},{i * 7}\n")));
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^cut]);

        var act = () => TabularCsv.Read(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"Gzip file '{path}' is *");
    }

    [Fact]
    public void GzipWithADamagedTrailer_IsDetected_NamingTheFile()
    {
        string path = Gzip("d.csv.gz", "a\n1\n2\n");
        var bytes = File.ReadAllBytes(path);
        bytes[^5] ^= 0x40; // the CRC-32's last byte
        File.WriteAllBytes(path, bytes);

        var act = () => TabularCsv.Read(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"Gzip file '{path}' is damaged or not gzip data*");
    }

    [Fact]
    public void PlainTextNamedGz_NamesTheFile()
    {
        string path = Write("plain.csv.gz", "a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n");

        var act = () => TabularCsv.Read(path);

        act.Should().Throw<InvalidDataException>().WithMessage($"Gzip file '{path}' is damaged or not gzip data*");
    }

    [Fact]
    public void IntactGzip_ReadsEveryRow()
    {
        string path = Gzip("ok.csv.gz", "a,b\n" + string.Concat(Enumerable.Range(0, 400).Select(i => $"{i},{i * 7}\n")));

        var table = TabularCsv.Read(path);

        table.RowCount.Should().Be(400);
        table.Numeric("b")[399].Should().Be(399 * 7);
    }

    [Fact]
    public void Directory_IsNamedAsADirectory()
    {
        var act = () => TabularCsv.Read(_dir.Path);

        act.Should().Throw<ArgumentException>().WithMessage($"CSV path '{_dir.Path}' is a directory, not a file.*");
    }

    [Theory]
    [InlineData("\"a\";\"b\"\n\"1\";\"2\"\n", ';', "line 1: field 1 has text after its closing quote (the line holds 1 × ';' but 0 × ',', the separator read with: is the separator ';'? Set CsvReadOptions.Separator).")]
    [InlineData("a;b;c\n1;2;3\n4,5;6;7\n", ';', "line 3: 2 fields; expected 1 (a;b;c) (the line holds 2 × ';' but 1 × ',', the separator read with: is the separator ';'? Set CsvReadOptions.Separator).")]
    [InlineData("a\tb\n1\t2\n3,4\t5\t6\n", '\t', "line 3: 2 fields; expected 1 (a\tb) (the line holds 2 × tab but 1 × ',', the separator read with: is the separator tab? Set CsvReadOptions.Separator).")]
    public void WrongSeparator_IsSuggested(string text, char actual, string message)
    {
        string path = Write("s.csv", text);

        var act = () => TabularCsv.Read(path);

        act.Should().Throw<FormatException>().WithMessage($"file '{path}', {message}");
        actual.Should().NotBe(',');
    }

    [Fact]
    public void ErrorWithoutAnotherSeparator_HasNoHint()
    {
        string path = Write("f.csv", "a,b\n1,2\n3\n");

        var act = () => TabularCsv.Read(path);

        act.Should().Throw<FormatException>().WithMessage($"file '{path}', line 3: 1 fields; expected 2 (a, b).");
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("-1e39")]
    [InlineData("3.5e38")]
    [InlineData("1.7976931348623157E+308")]
    public void ValuesBeyondFloat32_AreRejected_NamingLineAndColumn(string value)
    {
        string path = Write("o.csv", $"id,x\n1,2\n2,{value}\n");

        var act = () => TabularCsv.Read(path);

        act.Should().Throw<FormatException>().WithMessage($"file '{path}', line 3, column 'x': '{value}' is outside float32's range ±3.4028235E+38*");
    }

    [Fact]
    public void LargestFloat32_IsAccepted()
    {
        string path = Write("m.csv", "x\n3.4028234e38\n-3.4028234e38\n");

        TabularCsv.Read(path).Numeric("x").Values.Should().Equal(3.4028234e38, -3.4028234e38);
    }

    [Fact]
    public void QuotedFieldsSpanningLines_AreOneRecord_AndLaterLinesAreCountedRight()
    {
        string path = Write("m.csv", "text,n\n\"first line\nsecond, with comma\",1\n\"one\",2\n\"three\n\nlines\",abc\n");

        var read = () => TabularCsv.Read(path, new CsvReadOptions { NumericColumns = ["n"] });
        var table = TabularCsv.Read(Write("ok.csv", "text,n\n\"first line\nsecond, with comma\",1\n\"one\",2\n"));

        table.Categorical("text").Values.Should().Equal("first line\nsecond, with comma", "one");
        table.Numeric("n").Values.Should().Equal(1.0, 2.0);
        read.Should().Throw<FormatException>().WithMessage($"file '{path}', lines 5–7, column 'n': 'abc' is not a number.");
    }

    [Fact]
    public void QuoteNeverClosed_NamesTheLinesItSpans()
    {
        string path = Write("q.csv", "a,b\n1,\"2\nmore\nand more\n");

        var act = () => TabularCsv.Read(path);

        act.Should().Throw<FormatException>().WithMessage($"file '{path}', lines 2–4: field 2 opens a quote that is not closed before the end of the file.");
    }

    [Fact]
    public void MissingMarkers_AreReportedPerColumnAndMarker()
    {
        string path = Write("r.csv", "region,v\nNA,1\nEU,NA\n?,2\nNA,NaN\n,3\n");

        var table = TabularCsv.Read(path, null, out var report);

        // region: "NA" twice, "?" once, "" once; v: "NA" once, "NaN" once.
        table.Categorical("region").MissingCount.Should().Be(4);
        report.MissingCount("region", "NA").Should().Be(2);
        report.MissingCount("region", "?").Should().Be(1);
        report.MissingCount("region", "").Should().Be(1);
        report.MissingCount("v", "NA").Should().Be(1);
        report.MissingCount("v", "NaN").Should().Be(1);
        report.MissingCells.Keys.Should().BeEquivalentTo("region", "v");
        report.Path.Should().Be(path);
    }

    [Fact]
    public void MissingMarkersByColumn_KeepsARealCategoryNA()
    {
        string path = Write("r.csv", "region,v\nNA,1\nEU,NA\n,2\n");

        var table = TabularCsv.Read(path, new CsvReadOptions { MissingMarkersByColumn = new Dictionary<string, IReadOnlyCollection<string>> { ["region"] = [""] } }, out var report);

        table.Categorical("region").Values.Should().Equal("NA", "EU", null);
        table.Numeric("v").Values.Should().Equal(1.0, double.NaN, 2.0);
        report.MissingCount("region", "NA").Should().Be(0);
        report.MissingCount("region", "").Should().Be(1);
        report.MissingCount("v", "NA").Should().Be(1);
    }

    [Fact]
    public void ColumnTypesAndSkippedColumns_AreNameableAtReadTime()
    {
        string path = Write("t.csv", "zip,n,notes,code\n0101,1.5,x;y,7\n0202,2,\"free, text\",8\n");

        var table = TabularCsv.Read(path, new CsvReadOptions { CategoricalColumns = ["zip", "code"], NumericColumns = ["n"], SkipColumns = ["notes"] });

        table.ColumnNames.Should().Equal("zip", "n", "code");
        table.Categorical("zip").Values.Should().Equal("0101", "0202");
        table.Categorical("code").Values.Should().Equal("7", "8");
        table.Numeric("n").Values.Should().Equal(1.5, 2.0);
    }

    [Fact]
    public void WithoutHeaderOrNames_ColumnsAreColumn1ToN_AndCanBeTyped()
    {
        string path = Write("h.csv", "7,a,0.5\n8,b,\n");

        var table = TabularCsv.Read(path, new CsvReadOptions { HasHeader = false, CategoricalColumns = ["column1"], NumericColumns = ["column3"] });

        table.ColumnNames.Should().Equal("column1", "column2", "column3");
        table.Categorical("column1").Values.Should().Equal("7", "8");
        table.Categorical("column2").Values.Should().Equal("a", "b");
        table.Numeric("column3").Values.Should().Equal(0.5, double.NaN);
    }

    [Fact]
    public void NumericColumn_WithText_NamesTheCell()
    {
        string path = Write("n.csv", "id,score\n1,3\n2,high\n");

        var act = () => TabularCsv.Read(path, new CsvReadOptions { NumericColumns = ["score"] });

        act.Should().Throw<FormatException>().WithMessage($"file '{path}', line 3, column 'score': 'high' is not a number.");
    }

    public static TheoryData<CsvReadOptions, string> BadColumnLists => new()
    {
        { new CsvReadOptions { NumericColumns = ["c"] }, "CsvReadOptions.NumericColumns names column 'c', which is not in file*" },
        { new CsvReadOptions { SkipColumns = ["zz"] }, "CsvReadOptions.SkipColumns names column 'zz', which is not in file*" },
        { new CsvReadOptions { MissingMarkersByColumn = new Dictionary<string, IReadOnlyCollection<string>> { ["q"] = [] } }, "CsvReadOptions.MissingMarkersByColumn names column 'q', which is not in file*" },
        { new CsvReadOptions { NumericColumns = ["a"], CategoricalColumns = ["a"] }, "Column 'a' is in both CsvReadOptions.CategoricalColumns and CsvReadOptions.NumericColumns; a column has one type.*" },
        { new CsvReadOptions { SkipColumns = ["b"], NumericColumns = ["b"] }, "Column 'b' is in both CsvReadOptions.SkipColumns and CsvReadOptions.NumericColumns; a column has one type.*" },
    };

    [Theory]
    [MemberData(nameof(BadColumnLists))]
    public void BadColumnLists_AreNamed(CsvReadOptions options, string message)
    {
        string path = Write("x.csv", "a,b\n1,2\n");

        var act = () => TabularCsv.Read(path, options);

        act.Should().Throw<ArgumentException>().WithMessage(message);
    }

    [Fact]
    public void MissingMarkersByColumn_WithNullMarkers_IsNamed()
    {
        var act = () => new CsvReadOptions { MissingMarkersByColumn = new Dictionary<string, IReadOnlyCollection<string>> { ["a"] = null! } };

        act.Should().Throw<ArgumentException>().WithMessage("MissingMarkersByColumn gives null markers for column 'a'*").WithParameterName("MissingMarkersByColumn");
    }

    [Fact]
    public void FeatureMatrix_ValueBeyondFloat32_NamesColumnAndRow()
    {
        var table = new TabularData([new NumericColumn("ok", [1, 2]), new NumericColumn("big", [0, -1e300])]);

        var act = () => table.ToFeatureMatrix();

        act.Should().Throw<InvalidOperationException>().WithMessage("Column 'big' holds -1E+300 at row 1, outside float32's range*");
    }

    private string Write(string name, string text)
    {
        string path = _dir.File(name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Gzip(string name, string text)
    {
        string path = _dir.File(name);
        using var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal);
        gzip.Write(Encoding.UTF8.GetBytes(text));
        return path;
    }
}
