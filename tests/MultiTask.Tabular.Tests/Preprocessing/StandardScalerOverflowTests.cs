using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.Tests.Preprocessing;

/// <summary>A column whose variance overflows double precision is an error naming it, not a "constant" column scaled by 1.</summary>
public sealed class StandardScalerOverflowTests
{
    [Theory]
    [InlineData(1e308, -1e308, "variance")] // mean 0, but (1e308)² overflows
    [InlineData(1.5e308, 1.5e308, "mean")]  // the sum 3e308 overflows
    public void Fit_OverflowingColumn_NamesIt(double first, double second, string which)
    {
        var table = new TabularData([new NumericColumn("fine", [1, 2]), new NumericColumn("huge", [first, second])]);

        var act = () => new StandardScaler().Fit(table);

        act.Should().Throw<ArgumentException>().WithMessage($"standard-scaler: column 'huge' has values too large to scale (its {which} overflows double precision*");
    }
}
