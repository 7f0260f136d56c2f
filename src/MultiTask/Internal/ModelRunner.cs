using System.Runtime.InteropServices;
using MultiTask.Losses;
using MultiTask.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Internal;

/// <summary>Runs a network over a dataset in evaluation mode, batch by batch (one dispose scope per batch, no gradients).</summary>
internal static class ModelRunner
{
    /// <summary>Raw outputs per task; with targets, per task the weighted loss sum, the weight sum (the label count without class weights) and the label count.</summary>
    internal sealed record Result(float[][] Outputs, double[] LossSums, double[] WeightSums, double[] LabelCounts)
    {
        /// <summary>The mean loss per task (class-weighted where the task has class weights); NaN without labels.</summary>
        internal double[] MeanLosses => LossSums.Select((s, t) => WeightSums[t] > 0 ? s / WeightSums[t] : double.NaN).ToArray();
    }

    /// <summary>The raw outputs per task (row-major, [rows × output width]) and, when targets are given, the per-task loss sums and label counts.</summary>
    internal static Result Run(MultiTaskNetwork network, IReadOnlyList<TaskSpec> tasks, Device device, Tensor inputs, Tensor? targets, Tensor? mask, int batchSize)
    {
        int rows = (int)inputs.shape[0];
        int taskCount = tasks.Count;
        var outputs = tasks.Select(t => new float[rows * t.OutputSize]).ToArray();
        var lossSums = new double[taskCount];
        var weightSums = new double[taskCount];
        var counts = new double[taskCount];
        bool wasTraining = network.training;
        network.eval();
        try
        {
            using var noGrad = torch.no_grad();
            for (int start = 0; start < rows; start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                int count = Math.Min(batchSize, rows - start);
                var x = inputs.narrow(0, start, count).to(device);
                var heads = network.forward(x);
                var stats = targets is null ? null : new Tensor[3 * taskCount];
                for (int t = 0; t < taskCount; t++)
                {
                    var cpu = heads[t].to(ScalarType.Float32).cpu().contiguous();
                    MemoryMarshal.Cast<byte, float>(cpu.bytes).CopyTo(outputs[t].AsSpan(start * tasks[t].OutputSize));
                    if (stats is not null)
                    {
                        var y = targets!.narrow(0, start, count).select(1, t).to(device);
                        var m = mask!.narrow(0, start, count).select(1, t).to(device);
                        var w = TaskLoss.SampleWeights(tasks[t], y, m);
                        stats[t] = TaskLoss.PerSample(tasks[t], heads[t], y).mul(w).sum();
                        stats[taskCount + t] = w.sum();
                        stats[(2 * taskCount) + t] = m.sum();
                    }
                }

                if (stats is not null)
                {
                    var values = torch.stack(stats).to(ScalarType.Float64).cpu().data<double>().ToArray();
                    for (int t = 0; t < taskCount; t++)
                    {
                        lossSums[t] += values[t];
                        weightSums[t] += values[taskCount + t];
                        counts[t] += values[(2 * taskCount) + t];
                    }
                }
            }
        }
        finally
        {
            network.train(wasTraining);
        }

        return new Result(outputs, lossSums, weightSums, counts);
    }
}
