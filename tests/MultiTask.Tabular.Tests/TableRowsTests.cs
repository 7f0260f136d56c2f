namespace MultiTask.Tabular.Tests;

public sealed class TableRowsTests
{
    [Fact]
    public void Concat_AppendsRowsInTableOrder()
    {
        var a = Table([1, double.NaN], ["x", null]);
        var b = Table([3], ["z"]);

        var both = TabularData.Concat(a, b);

        both.Numeric("n").Values.Should().Equal([1, double.NaN, 3]);
        both.Categorical("c").Values.Should().Equal("x", null, "z");
    }

    [Fact]
    public void Concat_NamesTheFirstDifferingColumnAndItsType()
    {
        var a = Table([1], ["x"]);
        var typeDiffers = new TabularData([new NumericColumn("n", [1.0]), new NumericColumn("c", [2.0])]);
        var nameDiffers = new TabularData([new NumericColumn("n", [1.0]), new CategoricalColumn("category", ["x"])]);
        var shorter = new TabularData([new NumericColumn("n", [1.0])]);

        var act = () => TabularData.Concat(a, a, typeDiffers);
        act.Should().Throw<ArgumentException>().WithMessage("Table 2 differs from table 0 at column 1: table 0 has 'c' (categorical), table 2 has 'c' (numeric).*");
        act = () => TabularData.Concat(a, nameDiffers);
        act.Should().Throw<ArgumentException>().WithMessage("*table 0 has 'c' (categorical), table 1 has 'category' (categorical)*");
        act = () => TabularData.Concat(a, shorter);
        act.Should().Throw<ArgumentException>().WithMessage("*table 0 has 'c' (categorical), table 1 has no column*");
    }

    [Fact]
    public void DropDuplicates_KeepsFirstOccurrences_WithMissingValuesEqual()
    {
        // Rows 2 and 4 repeat rows 0 and 1 (NaN equals NaN, null equals null, as pandas' drop_duplicates); row 3 differs from row 0 in 'c'.
        var table = Table([1, double.NaN, 1, 1, double.NaN], ["x", null, "x", "y", null]);

        table.DropDuplicates().Numeric("n").Values.Should().Equal([1, double.NaN, 1]);
        table.DropDuplicates().Categorical("c").Values.Should().Equal("x", null, "y");
        table.DropDuplicates("n").Categorical("c").Values.Should().Equal("x", null);
    }

    private static TabularData Table(double[] numbers, string?[] categories)
        => new([new NumericColumn("n", numbers), new CategoricalColumn("c", categories)]);
}
