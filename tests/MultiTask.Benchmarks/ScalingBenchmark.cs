using System.Globalization;
using MultiTask.Data;
using MultiTask.Training;
using MultiTask.Weighting;

namespace MultiTask.Benchmarks;

/// <summary>
/// Samples/s and peak RSS of equal weighting and PCGrad as the rows (10k → 1M), the trunk width (64 → 1024) and the
/// task count (2 → 16) grow, one axis at a time from the standard configuration (1 epoch, batch 256, Adam, 2 threads).
/// </summary>
/// <remarks>
/// The default sizes are reduced to keep a run near a minute on a shared 2-core machine; <c>--full</c> runs the sizes
/// of the issue (rows up to 1,000,000, widths 64 to 1024 in powers of two, width and task axes on 100,000 rows).
/// </remarks>
internal static class ScalingBenchmark
{
    private const int Epochs = 1;

    internal static void Run(BenchmarkOptions options)
    {
        int[] rowsAxis = options.Full ? [10_000, 100_000, 1_000_000] : [10_000, 30_000, 100_000];
        int[] widths = options.Full ? [64, 128, 256, 512, 1024] : [64, 256, 1024];
        int[] taskCounts = [2, 4, 8, 16];
        int fixedRows = options.Full ? 100_000 : 10_240;
        Line($"Scaling: equal weighting (EW) and PCGrad, {Epochs} epoch, batch {BenchmarkOptions.BatchSize}, Adam, {BenchmarkOptions.Threads} threads; trunk MLP {BenchmarkOptions.Features}-w-w, heads w-64-1; median of {options.Repeats} (EW and PCGrad alternate).");
        Line($"{(options.Full ? "Full sizes" : "Reduced sizes (--full for rows to 1,000,000, widths 64..1024 in powers of two, 100,000 rows on the width and task axes)")}; {MemoryProbe.LoadAverage()}.");
        Line("Peak RSS: VmHWM during Fit (reset at its start; includes the dataset and libtorch), and its growth over the RSS at the start of Fit.");
        Line("ns/(sample·param): time per sample divided by the parameter count, flat where cost is linear in the model size.");
        Line(string.Empty);
        Line("| axis | rows | width | tasks | parameters | EW samples/s | PCGrad samples/s | PCGrad / EW time | EW ns/(sample·param) | EW peak RSS (growth) | PCGrad peak RSS (growth) |");
        Line("|---|---|---|---|---|---|---|---|---|---|---|");
        var full = SyntheticData.Create(rowsAxis.Max(), BenchmarkOptions.Features, BenchmarkOptions.DataSeed);
        foreach (int rows in rowsAxis)
        {
            Measure("rows", full.Head(rows), 256, BenchmarkOptions.Tasks, options.Repeats);
        }

        foreach (int width in widths)
        {
            Measure("width", full.Head(fixedRows), width, BenchmarkOptions.Tasks, options.Repeats);
        }

        foreach (int tasks in taskCounts)
        {
            Measure("tasks", full.Head(fixedRows), 256, tasks, options.Repeats);
        }

        Line(string.Empty);
        Line($"{MemoryProbe.LoadAverage()} (other processes on this machine skew the timings)");
    }

    private static void Measure(string axis, SyntheticData data, int width, int taskCount, int repeats)
    {
        // Task t regresses target t mod 3 of the synthetic data.
        var tasks = Enumerable.Range(0, taskCount).Select(t => TaskSpec.Regression(string.Create(CultureInfo.InvariantCulture, $"task{t}"))).ToArray();
        using var dataset = MultiTaskDataset.FromArrays(data.Features, tasks, Enumerable.Range(0, taskCount).Select(t => TaskTargets.FromValues(data.Targets[t % data.Targets.Length])).ToArray());
        int[] trunk = [width, width];
        using (var warm = dataset.Subset(Enumerable.Range(0, Math.Min(BenchmarkOptions.WarmUpRows, data.Rows)).ToArray()))
        {
            LibraryRun.Run(warm, trunk, 1, null, GradientSource.SharedParameters, measurePeak: false);
        }

        var equal = new List<RunResult>();
        var pcgrad = new List<RunResult>();
        for (int r = 0; r < repeats; r++)
        {
            for (int k = 0; k < 2; k++)
            {
                bool equalNow = (k == 0) == (r % 2 == 0);
                var result = LibraryRun.Run(dataset, trunk, Epochs, equalNow ? null : Weightings.PCGrad(), GradientSource.SharedParameters, measurePeak: true);
                (equalNow ? equal : pcgrad).Add(result);
            }
        }

        long parameters = Parameters(width, taskCount);
        double equalSpeed = Median(equal.Select(r => r.SamplesPerSecond));
        double pcgradSpeed = Median(pcgrad.Select(r => r.SamplesPerSecond));
        Line($"| {axis} | {data.Rows:N0} | {width} | {taskCount} | {parameters:N0} | {equalSpeed:N0} | {pcgradSpeed:N0} | {equalSpeed / pcgradSpeed:F2} | {1e9 / (equalSpeed * parameters):F3} | {Peak(equal)} | {Peak(pcgrad)} |");
    }

    private static string Peak(List<RunResult> runs)
    {
        var worst = runs.MaxBy(r => r.PeakRssBytes)!;
        return $"{MemoryProbe.Format(worst.PeakRssBytes)} (+{MemoryProbe.Format(runs.Max(r => r.PeakRssGrowthBytes))})";
    }

    /// <summary>Trunk 100-w-w and T heads w-64-1, weights and biases.</summary>
    private static long Parameters(int width, int tasks)
        => ((long)BenchmarkOptions.Features * width) + width + ((long)width * width) + width + (tasks * (((long)width * 64) + 64 + 64 + 1));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));

    private static void Line(string text) => Console.WriteLine(text);
}
