using System.Diagnostics;
using System.Security.Cryptography;
using MultiTask.Architectures;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Training;

namespace MultiTask.Benchmarks;

/// <summary>Variant (1): the model trained through the library's public API.</summary>
internal static class LibraryRun
{
    /// <summary>The first 16 hex digits of the SHA-256 of every parameter's float32 bytes, in module order.</summary>
    internal static string ParameterHash(MultiTaskModel model)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var p in model.Network.parameters())
        {
            using var values = p.detach().contiguous();
            hash.AppendData(values.bytes);
        }

        return Convert.ToHexString(hash.GetHashAndReset())[..16];
    }

    internal static TaskSpec[] Tasks { get; } = [TaskSpec.Regression("linear"), TaskSpec.Regression("smooth"), TaskSpec.Regression("interaction")];

    /// <summary>Builds the dataset (not timed); the caller disposes it.</summary>
    internal static MultiTaskDataset Load(SyntheticData data)
        => MultiTaskDataset.FromArrays(data.Features, Tasks, data.Targets.Select(TaskTargets.FromValues).ToArray());

    /// <summary>Creates a fresh model and trainer (not timed) and times <see cref="MultiTaskTrainer.Fit(MultiTaskDataset, MultiTaskDataset?, Action{EpochRecord}?, CancellationToken)"/>.</summary>
    /// <remarks>With <paramref name="measurePeak"/>, the process's peak RSS is reset before the loop (so it no longer covers earlier work).</remarks>
    internal static RunResult Run(MultiTaskDataset data, int epochs, Weighting.WeightingMethod? weighting = null, GradientSource source = GradientSource.SharedParameters, bool measurePeak = false, string architecture = "hard")
        => Run(data, BenchmarkOptions.TrunkSizes, epochs, weighting, source, measurePeak, architecture);

    /// <summary>The library's model of the standard configuration: hard sharing (trunk of <paramref name="trunkSizes"/>) or MMoE (<see cref="BenchmarkOptions.ExpertCount"/> experts Mlp(100, <see cref="BenchmarkOptions.ExpertSizes"/>)), heads/towers Mlp(<see cref="BenchmarkOptions.HeadSizes"/>).</summary>
    internal static MultiTaskModel CreateModel(IReadOnlyList<TaskSpec> tasks, int[] trunkSizes, string architecture = "hard") => architecture == "mmoe"
        ? MultiTaskModel.Create(
            tasks,
            new MmoeArchitecture { Expert = Trunks.Mlp(BenchmarkOptions.Features, BenchmarkOptions.ExpertSizes), ExpertCount = BenchmarkOptions.ExpertCount, Tower = Heads.Mlp(BenchmarkOptions.HeadSizes) },
            seed: BenchmarkOptions.ModelSeed)
        : MultiTaskModel.Create(tasks, Trunks.Mlp(BenchmarkOptions.Features, trunkSizes), Heads.Mlp(BenchmarkOptions.HeadSizes), seed: BenchmarkOptions.ModelSeed);

    /// <summary>As <see cref="Run(MultiTaskDataset, int, Weighting.WeightingMethod?, GradientSource, bool)"/> with the dataset's tasks and another trunk.</summary>
    internal static RunResult Run(MultiTaskDataset data, int[] trunkSizes, int epochs, Weighting.WeightingMethod? weighting, GradientSource source, bool measurePeak, string architecture = "hard")
    {
        using var model = CreateModel(data.Tasks, trunkSizes, architecture);
        var options = new TrainerOptions
        {
            Optimizer = OptimizerKind.Adam,
            LearningRate = BenchmarkOptions.LearningRate,
            Epochs = epochs,
            BatchSize = BenchmarkOptions.BatchSize,
            Shuffle = true,
            Seed = BenchmarkOptions.TrainSeed,
            Threads = BenchmarkOptions.Threads,
            GradientSource = source,
        };
        using var trainer = new MultiTaskTrainer(model, options, weighting);
        long rssStart = 0;
        if (measurePeak)
        {
            GC.Collect();
            rssStart = MemoryProbe.CurrentBytes();
            MemoryProbe.ResetPeak();
        }

        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var history = trainer.Fit(data);
        clock.Stop();
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        long peak = measurePeak ? MemoryProbe.PeakBytes() : 0;
        long peakGrowth = measurePeak ? peak - rssStart : 0;
        var last = history.Epochs[^1];
        return new RunResult(clock.Elapsed.TotalSeconds, (long)data.RowCount * epochs, data.Tasks.Select(t => last[t.Name].TrainLoss).ToArray(), peakGrowth, ParameterHash(model), peak, cpu);
    }
}
