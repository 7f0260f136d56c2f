using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.Tests.Preprocessing;

public sealed class RowFiltersTests
{
    [Fact]
    public void Adult_RowsWithAMissingFeature_AreDropped()
    {
        var (train, test) = PreprocessingData.Adult();

        var complete = RowFilters.DropRowsWithMissingFeatures(train, ["income"]);

        // The well-known complete-case counts of adult: 30,162 training and 15,060 test rows.
        complete.RowCount.Should().Be(30162);
        complete.Columns.Should().OnlyContain(c => c.MissingCount == 0);
        RowFilters.CompleteFeatureRows(test, ["income"]).Length.Should().Be(15060);
    }

    [Fact]
    public void RowsWithoutAnyLabel_AreDropped_PartialLabelsStay()
    {
        var table = new TabularData([
            new NumericColumn("x", [1.0, double.NaN, 3.0, 4.0]),
            new NumericColumn("price", [double.NaN, 2.0, double.NaN, 5.0]),
            new CategoricalColumn("segment", [null, null, "a", "b"]),
        ]);

        RowFilters.LabelledRows(table, ["price", "segment"]).Should().Equal(1, 2, 3);
        RowFilters.LabelledRows(table, ["price", "segment"], requireAllTasks: true).Should().Equal(3);
        RowFilters.DropUnlabelledRows(table, ["price", "segment"]).Numeric("x").Values.Should().Equal(double.NaN, 3.0, 4.0);
        RowFilters.CompleteFeatureRows(table, ["price", "segment"]).Should().Equal(0, 2, 3);
    }

    [Fact]
    public void UnknownTaskColumn_IsNamed()
    {
        var table = new TabularData([new NumericColumn("x", [1.0])]);

        var act = () => RowFilters.LabelledRows(table, ["y"]);

        act.Should().Throw<KeyNotFoundException>().WithMessage("Unknown column 'y'*");
    }
}
