using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.Preprocessing;
using MultiTask.Tests.TestUtilities;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnFeatureSelectionReference;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>The correlation filter: numpy.corrcoef's correlations, greedy in column order.</summary>
public sealed class CorrelationFilterTests
{
    [Fact]
    public void Correlations_MatchNumpyCorrcoef()
    {
        var r = CorrelationFilter.Correlations(ToyDatasets.Wine().Table());
        r.Cast<double>().ToArray().ShouldMatch(R.WineCorrelations, "r", relative: 1e-9, absolute: 1e-12);
    }

    public static TheoryData<string, int> Cases => new()
    {
        { "Wine", 50 }, { "Wine", 70 }, { "Wine", 90 },
        { "BreastCancer", 50 }, { "BreastCancer", 70 }, { "BreastCancer", 90 },
        { "Energy", 50 }, { "Energy", 70 }, { "Energy", 90 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_KeepsTheReferenceColumns(string name, int percent)
    {
        var data = name switch { "Wine" => ToyDatasets.Wine(), "BreastCancer" => ToyDatasets.BreastCancer(), _ => ToyDatasets.EnergyEfficiency() };
        var expected = (int[])typeof(R).GetField($"{name}CorrelationKept{percent}")!.GetValue(null)!;
        new CorrelationFilter { Threshold = percent / 100.0 }.Fit(data.Table()).SelectedIndices().Should().Equal(expected);
    }

    [Fact]
    public void Fit_OnlyKeptColumnsCauseDrops()
    {
        // r(a, b) = r(b, c) = 1/√2 ≈ 0.707, r(a, c) = 0: b goes (correlated with the kept a), c stays (b was dropped).
        var table = new TabularData(
        [
            new NumericColumn("a", [1.0, -1, 1, -1]),
            new NumericColumn("b", [2.0, 0, 0, -2]),
            new NumericColumn("c", [1.0, 1, -1, -1]),
        ]);
        new CorrelationFilter { Threshold = 0.7 }.Fit(table).SelectedColumns.Should().Equal("a", "c");
        new CorrelationFilter { Threshold = 0.71 }.Fit(table).SelectedColumns.Should().Equal("a", "b", "c");
    }

    [Fact]
    public void Fit_ConstantColumn_IsNeverDroppedAndDropsNothing_AndAnticorrelationCounts()
    {
        var table = new TabularData(
        [
            new NumericColumn("k", [2.0, 2, 2, 2]),
            new NumericColumn("x", [1.0, 2, 3, 5]),
            new NumericColumn("minus_x", [-1.0, -2, -3, -5]),
        ]);
        new CorrelationFilter { Threshold = 0.5 }.Fit(table).SelectedColumns.Should().Equal("k", "x");
        CorrelationFilter.Correlations(table)[0, 1].Should().Be(double.NaN);
    }

    [Fact]
    public void Fit_IsAnUnsupervisedPipelineStep()
    {
        var wine = ToyDatasets.Wine();
        var fitted = new Pipeline(new CorrelationFilter { Threshold = 0.5 }).Fit(wine.Table());
        fitted.Transform(wine.Table()).ColumnNames.Should().Equal(R.WineCorrelationKept50.Select(j => wine.FeatureNames[j]));
    }

    [Fact]
    public void Fit_MissingValue_NamesTheColumnAndRow()
    {
        var table = new TabularData([new NumericColumn("a", [1.0, 2, 3]), new NumericColumn("b", [1.0, double.NaN, 3])]);
        FluentActions.Invoking(() => new CorrelationFilter().Fit(table)).Should().Throw<ArgumentException>()
            .WithMessage("Feature 'b' is missing a value at row 1; CorrelationFilter needs complete features*");
    }

    [Fact]
    public void Threshold_OutsideZeroToOne_IsRejected()
        => FluentActions.Invoking(() => new CorrelationFilter { Threshold = 1.5 }).Should().Throw<ArgumentOutOfRangeException>().WithMessage("Threshold must be in ?0, 1?; got 1.5.*");
}
