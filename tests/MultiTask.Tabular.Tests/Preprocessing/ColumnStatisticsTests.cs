using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.Tests.Preprocessing;

/// <summary>The selection-based percentile and median agree with the sorted definitions (numpy's linear method).</summary>
public sealed class ColumnStatisticsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(7, 3)]
    [InlineData(1000, 10)]
    [InlineData(1001, 1000000)]
    public void SelectionMatchesSorting(int count, int distinct)
    {
        var rng = new Random(count);
        var values = Enumerable.Range(0, count).Select(_ => (double)rng.Next(distinct) / 7).ToArray();
        var sorted = values.Order().ToArray();

        foreach (double q in new[] { 0.0, 10.0, 25.0, 50.0, 75.0, 90.0, 100.0, 33.3 })
        {
            ColumnStatistics.Percentile(values.ToArray(), q).Should().Be(SortedPercentile(sorted, q), "q = {0}", q);
        }

        double median = count % 2 == 1 ? sorted[count / 2] : (sorted[(count / 2) - 1] + sorted[count / 2]) / 2;
        ColumnStatistics.Median(values.ToArray()).Should().Be(median);
        for (int k = 0; k < count; k += Math.Max(1, count / 13))
        {
            ColumnStatistics.Select(values.ToArray(), k).Should().Be(sorted[k]);
        }
    }

    [Fact]
    public void MostFrequentAndConstantDetection_FollowScikitLearn()
    {
        ColumnStatistics.MostFrequent([1.0, 1.0, 2.0, 2.0, 3.0]).Should().Be(1.0);
        ColumnStatistics.MostFrequent(["b", "a", null, "b", "a", null, null]).Should().Be("a");
        ColumnStatistics.IsConstant(0.0, 5.0, 10).Should().BeTrue();
        ColumnStatistics.IsConstant(1e-30, 1e6, 100).Should().BeTrue();
        ColumnStatistics.IsConstant(1e-3, 1.0, 100).Should().BeFalse();
    }

    private static double SortedPercentile(double[] sorted, double q)
    {
        double index = q / 100.0 * (sorted.Length - 1);
        int below = (int)Math.Floor(index), above = Math.Min(below + 1, sorted.Length - 1);
        double t = index - below, a = sorted[below], b = sorted[above], diff = b - a;
        return t >= 0.5 ? b - (diff * (1 - t)) : a + (diff * t);
    }
}
