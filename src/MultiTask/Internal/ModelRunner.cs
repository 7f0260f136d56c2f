using System.Runtime.InteropServices;
using MultiTask.Losses;
using MultiTask.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Internal;

/// <summary>
/// Runs a network over a block of rows in evaluation mode, batch by batch: one dispose scope per batch, no gradients,
/// and one transfer to the host per batch (the outputs that are kept and the loss statistics, in one float32 block).
/// </summary>
/// <remarks>
/// It never changes the network's mode: the network stays in evaluation mode outside <c>Fit</c> (the trainer switches to
/// training mode only while it fits), so threads predicting on one model never see each other's mode or change
/// BatchNorm's running statistics. A network left in training mode (a custom loop's <c>Network.train()</c>) is refused.
/// </remarks>
internal static class ModelRunner
{
    /// <summary>Raw outputs per task (when kept); with targets, per task the weighted loss sum, the weight sum (the label count without class weights) and the label count.</summary>
    internal sealed record Result(float[][]? Outputs, double[] LossSums, double[] WeightSums, double[] LabelCounts)
    {
        /// <summary>The mean loss per task (class-weighted where the task has class weights); NaN without labels.</summary>
        internal double[] MeanLosses => LossSums.Select((s, t) => WeightSums[t] > 0 ? s / WeightSums[t] : double.NaN).ToArray();
    }

    /// <summary>
    /// Runs the network over every row of the block. <paramref name="keepOutputs"/> says whether the raw outputs are
    /// copied to the host (row-major [rows × output width] per task); false when only the losses are needed.
    /// </summary>
    internal static Result Run(MultiTaskNetwork network, IReadOnlyList<TaskSpec> tasks, Device device, TaskBlock block, bool keepOutputs, int batchSize)
    {
        int rows = block.RowCount;
        int taskCount = tasks.Count;
        int width = tasks.Sum(t => t.OutputSize);
        var outputs = keepOutputs ? tasks.Select(t => new float[rows * t.OutputSize]).ToArray() : null;
        var lossSums = new double[taskCount];
        var weightSums = new double[taskCount];
        var counts = new double[taskCount];
        if (network.training)
        {
            throw new InvalidOperationException(
                "The model's network is in training mode (Network.train() was called, e.g. by a custom training loop); prediction and evaluation never switch a shared model's mode. Call model.Network.eval() when the loop is done.");
        }

        {
            using var noGrad = torch.no_grad();
            for (int start = 0; start < rows; start += batchSize)
            {
                using var scope = torch.NewDisposeScope();
                int count = Math.Min(batchSize, rows - start);
                var heads = network.forward(block.InputsOf(start, count).to(device));
                var parts = new List<Tensor>(2);
                if (outputs is not null)
                {
                    parts.Add(torch.cat(heads.Select(h => h.to(ScalarType.Float32).reshape(count, -1)).ToArray(), 1).flatten());
                }

                if (block.Targets is not null)
                {
                    parts.Add(LossStatistics(tasks, heads, block.Targets.narrow(0, start, count).to(device), block.Mask!.narrow(0, start, count).to(device)));
                }

                var host = MemoryMarshal.Cast<byte, float>((parts.Count == 1 ? parts[0] : torch.cat(parts)).cpu().contiguous().bytes);
                if (outputs is not null)
                {
                    for (int i = 0, offset = 0; i < count; i++)
                    {
                        for (int t = 0; t < taskCount; t++)
                        {
                            int size = tasks[t].OutputSize;
                            host.Slice(offset, size).CopyTo(outputs[t].AsSpan((start + i) * size));
                            offset += size;
                        }
                    }

                    host = host[(count * width)..];
                }

                for (int t = 0; t < taskCount && block.Targets is not null; t++)
                {
                    lossSums[t] += host[t];
                    weightSums[t] += host[taskCount + t];
                    counts[t] += host[(2 * taskCount) + t];
                }
            }
        }

        return new Result(outputs, lossSums, weightSums, counts);
    }

    /// <summary>[3T] float32: per task the weighted loss sum, the weight sum and the label count of one batch.</summary>
    private static Tensor LossStatistics(IReadOnlyList<TaskSpec> tasks, Tensor[] heads, Tensor targets, Tensor mask)
    {
        int taskCount = tasks.Count;
        var stats = new Tensor[3 * taskCount];
        for (int t = 0; t < taskCount; t++)
        {
            var y = targets.select(1, t);
            var m = mask.select(1, t);
            var w = TaskLoss.SampleWeights(tasks[t], y, m);
            stats[t] = TaskLoss.PerSample(tasks[t], heads[t], y).mul(w).sum();
            stats[taskCount + t] = w.sum();
            stats[(2 * taskCount) + t] = m.sum();
        }

        return torch.stack(stats).to(ScalarType.Float32);
    }
}
