using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks;

/// <summary>
/// Variant (2): an idiomatic hand-written TorchSharp loop over the same architecture. Data preloaded in one tensor;
/// per epoch a randperm, per step index_select, forward, Σ mse_loss, zero_grad, backward, Adam.step, one dispose
/// scope, and one read-back of the per-task losses (as the library does for its history and NaN check).
/// </summary>
internal sealed class HandRun : IDisposable
{
    private readonly Tensor _inputs;
    private readonly Tensor _targets;

    private readonly string _architecture;

    /// <param name="data">The rows, preloaded into two tensors.</param>
    /// <param name="architecture">"hard" (<see cref="HandNetwork"/>) or "mmoe" (<see cref="HandMmoeNetwork"/>).</param>
    internal HandRun(SyntheticData data, string architecture = "hard")
    {
        _architecture = architecture;
        int rows = data.Rows;
        _inputs = torch.tensor(data.FlatFeatures(), [rows, BenchmarkOptions.Features]).DetachFromDisposeScope();
        _targets = torch.tensor(data.FlatTargets(), [rows, BenchmarkOptions.Tasks]).DetachFromDisposeScope();
        Rows = rows;
    }

    internal int Rows { get; }

    /// <summary>The hand-written network of the standard configuration, built from the current torch seed.</summary>
    internal static nn.Module<Tensor, Tensor[]> CreateNetwork(string architecture) => architecture == "mmoe"
        ? new HandMmoeNetwork(BenchmarkOptions.Features, BenchmarkOptions.ExpertSizes, BenchmarkOptions.ExpertCount, BenchmarkOptions.HeadSizes[0], BenchmarkOptions.Tasks)
        : new HandNetwork(BenchmarkOptions.Features, BenchmarkOptions.TrunkSizes, BenchmarkOptions.HeadSizes[0], BenchmarkOptions.Tasks);

    /// <summary>The initial parameters of the hand-written network (seed <see cref="BenchmarkOptions.ModelSeed"/>), flattened in parameter order.</summary>
    internal static float[] InitialParameters(string architecture)
    {
        torch.manual_seed(BenchmarkOptions.ModelSeed);
        using var network = CreateNetwork(architecture);
        return network.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
    }

    /// <summary>Creates a fresh network and optimiser (not timed) and times the training loop.</summary>
    internal RunResult Run(int epochs)
    {
        torch.set_num_threads(BenchmarkOptions.Threads);
        torch.manual_seed(BenchmarkOptions.ModelSeed);
        using var network = CreateNetwork(_architecture);
        using var optimizer = optim.Adam(network.parameters(), BenchmarkOptions.LearningRate);
        using var generator = new torch.Generator((ulong)BenchmarkOptions.TrainSeed);
        int tasks = BenchmarkOptions.Tasks, batch = BenchmarkOptions.BatchSize;
        var sums = new double[tasks];
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        network.train();
        for (int epoch = 0; epoch < epochs; epoch++)
        {
            Array.Clear(sums);
            using var order = torch.randperm(Rows, generator: generator).DetachFromDisposeScope();
            for (int start = 0; start < Rows; start += batch)
            {
                using var scope = torch.NewDisposeScope();
                int count = Math.Min(batch, Rows - start);
                var rows = order.narrow(0, start, count);
                var x = _inputs.index_select(0, rows);
                var y = _targets.index_select(0, rows);
                var outputs = network.call(x);
                var losses = new Tensor[tasks];
                for (int t = 0; t < tasks; t++)
                {
                    losses[t] = nn.functional.mse_loss(outputs[t].view(-1), y.select(1, t));
                }

                var total = losses[0] + losses[1] + losses[2];
                optimizer.zero_grad();
                total.backward();
                optimizer.step();
                var values = torch.stack(losses).detach().data<float>().ToArray();
                for (int t = 0; t < tasks; t++)
                {
                    sums[t] += values[t] * count;
                }
            }
        }

        clock.Stop();
        double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalSeconds;
        return new RunResult(clock.Elapsed.TotalSeconds, (long)Rows * epochs, sums.Select(s => s / Rows).ToArray(), CpuSeconds: cpu);
    }

    public void Dispose()
    {
        _inputs.Dispose();
        _targets.Dispose();
    }
}
