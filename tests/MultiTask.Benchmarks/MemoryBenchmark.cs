using System.Globalization;
using MultiTask.Data;

namespace MultiTask.Benchmarks;

/// <summary>
/// Peak memory of the dataset path: the user builds a rows × 100 float32 feature array, then the dataset, then a
/// 70/15/15 split. Each step's peak RSS above the RSS with the user's own arrays is printed in MiB and in copies of
/// the feature array (rows × 100 × 4 bytes).
/// </summary>
internal static class MemoryBenchmark
{
    internal static void Run(BenchmarkOptions options)
    {
        int rows = options.Rows;
        const int width = BenchmarkOptions.Features;
        double featureBytes = (double)rows * width * sizeof(float);
        Report.Line($"MultiTask memory benchmark: {rows:N0} x {width} float32 features ({Mib(featureBytes)} MiB), {LibraryRun.Tasks.Length} regression targets; dataset, then a 70/15/15 split.");

        // Load libtorch (and JIT the dataset path) on a tiny dataset first, so its code is not counted as data.
        using (var warm = LibraryRun.Load(SyntheticData.Create(64, width, BenchmarkOptions.DataSeed)))
        {
            warm.TrainValidationTestSplit(0.15, 0.15, seed: 1);
        }

        var features = new float[rows, width];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < width; j++)
            {
                features[i, j] = ((i * 31) + (j * 17)) % 1000 / 1000f;
            }
        }

        var targets = LibraryRun.Tasks.Select((_, t) => Enumerable.Range(0, rows).Select(i => features[i, t]).ToArray()).ToArray();
        Settle();
        long user = MemoryProbe.CurrentBytes();
        bool resettable = MemoryProbe.ResetPeak();
        Report.Line($"RSS with the user's own arrays: {MemoryProbe.Format(user)}{(resettable ? string.Empty : " (peak RSS cannot be reset here: peaks include earlier allocations)")}");

        using var data = MultiTaskDataset.FromArrays(features, LibraryRun.Tasks, targets.Select(TaskTargets.FromValues).ToArray());
        long datasetPeak = MemoryProbe.PeakBytes();
        Settle();
        long datasetHeld = MemoryProbe.CurrentBytes();
        Line("dataset", datasetPeak - user, datasetHeld - user, featureBytes);

        MemoryProbe.ResetPeak();
        var split = data.TrainValidationTestSplit(0.15, 0.15, seed: 1);
        long splitPeak = MemoryProbe.PeakBytes();
        Settle();
        long splitHeld = MemoryProbe.CurrentBytes();
        Line("dataset + split", splitPeak - user, splitHeld - user, featureBytes);
        Report.Line($"  parts: train {split.Train.RowCount:N0}, validation {split.Validation!.RowCount:N0}, test {split.Test.RowCount:N0} rows");
        Report.Line($"Target: at most 1 copy of the features for the dataset and none more for the split.");
        GC.KeepAlive(split);
        GC.KeepAlive(features);
        GC.KeepAlive(targets);
    }

    private static void Line(string step, long peak, long held, double featureBytes)
        => Report.Line($"  {step,-16} peak {Mib(peak),7} MiB = {peak / featureBytes,5:F2} copies of the features; held afterwards {Mib(held),7} MiB = {held / featureBytes,5:F2} copies");

    private static string Mib(double bytes) => (bytes / (1024.0 * 1024.0)).ToString("F0", CultureInfo.InvariantCulture);

    private static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
