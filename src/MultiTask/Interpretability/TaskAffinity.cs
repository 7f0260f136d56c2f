using System.Runtime.InteropServices;
using MultiTask.Data;
using MultiTask.Internal;
using MultiTask.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Interpretability;

/// <summary>
/// The inter-task affinity matrix of Fifty et al., 2021, "Efficiently Identifying Task Groupings for Multi-Task
/// Learning" (NeurIPS 2021; TAG): for a batch X, Z_{i→j} = 1 − L_j(X, θ_s − η∇_{θ_s}L_i(X), θ_j) / L_j(X, θ_s, θ_j),
/// the relative change of task j's loss after a lookahead SGD step on the shared parameters θ_s along task i's
/// gradient, averaged over batches.
/// </summary>
/// <remarks>
/// The paper accumulates Z during training; this measures it for the model's current weights over a dataset, in
/// evaluation mode (no dropout), with a plain SGD lookahead of <see cref="TaskAffinityOptions.LearningRate"/>. The
/// weights and the shared parameters' gradients are left as they were. A batch counts for (i, j) only when both tasks
/// have a label in it and L_j is not 0.
/// </remarks>
public static class TaskAffinity
{
    /// <summary>Computes the affinity of every ordered pair of the model's tasks on a labelled dataset.</summary>
    /// <param name="model">The model.</param>
    /// <param name="data">A dataset with the model's tasks (matched by name) and matching inputs.</param>
    /// <param name="options">Default: <see cref="TaskAffinityOptions"/>'s defaults.</param>
    /// <exception cref="ArgumentException">The dataset does not fit the model.</exception>
    public static TaskAffinityMatrix Compute(MultiTaskModel model, MultiTaskDataset data, TaskAffinityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        options ??= new TaskAffinityOptions();
        var aligned = AlignedView.Of(model, data);
        var tasks = model.Tasks;
        int count = tasks.Count;
        var sums = new double[count, count];
        var batches = new int[count, count];
        var network = model.Network;
        var shared = model.SharedParameters;
        bool wasTraining = network.training;
        network.eval();
        using var keep = torch.NewDisposeScope();
        var savedGradients = shared.Select(p => p.grad?.detach().clone()).ToArray();
        try
        {
            TorchThreads.Run(model.Threads, () =>
            {
                var rows = Enumerable.Range(0, aligned.RowCount).ToArray();
                for (int start = 0; start < rows.Length; start += options.BatchSize)
                {
                    int size = Math.Min(options.BatchSize, rows.Length - start);
                    Batch(model, aligned, rows.AsSpan(start, size), options.LearningRate, sums, batches);
                }

                return 0;
            });
        }
        finally
        {
            for (int p = 0; p < shared.Count; p++)
            {
                shared[p].grad = savedGradients[p];
            }

            network.train(wasTraining);
        }

        var values = new double[count, count];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < count; j++)
            {
                values[i, j] = batches[i, j] > 0 ? sums[i, j] / batches[i, j] : double.NaN;
            }
        }

        return new TaskAffinityMatrix(tasks, values, batches);
    }

    /// <summary>Adds one batch's affinities to the sums, in a dispose scope of its own.</summary>
    private static void Batch(MultiTaskModel model, MultiTaskDataset data, ReadOnlySpan<int> rows, double learningRate, double[,] sums, int[,] batches)
    {
        using var scope = torch.NewDisposeScope();
        var batch = data.GetBatch(rows);
        var tasks = model.Tasks;
        var shared = model.SharedParameters;
        int count = tasks.Count;
        var device = model.Device;
        var (inputs, targets, mask) = (batch.Inputs.to(device), batch.Targets.to(device), batch.Mask.to(device));
        var labelled = Host(mask.sum(dim: 0)).Select(n => n > 0).ToArray();

        // Task losses at θ_s and each labelled task's gradient with respect to θ_s (all before any step changes θ_s).
        double[] before;
        var gradients = new Tensor[count][];
        using (torch.enable_grad())
        {
            var losses = TaskLoss.BatchLosses(tasks, model.Network.forward(inputs), targets, mask);
            before = Host(torch.stack(losses).detach());
            for (int i = 0; i < count; i++)
            {
                if (!labelled[i])
                {
                    continue;
                }

                foreach (var p in shared)
                {
                    p.grad = null;
                }

                losses[i].backward(retain_graph: true, inputs: shared.Cast<Tensor>().ToArray());
                gradients[i] = shared.Select(p => p.grad is { } g ? g.detach().clone() : torch.zeros_like(p)).ToArray();
            }
        }

        using var noGrad = torch.no_grad();
        var originals = shared.Select(p => p.detach().clone()).ToArray();
        for (int i = 0; i < count; i++)
        {
            if (gradients[i] is not { } step)
            {
                continue;
            }

            for (int p = 0; p < shared.Count; p++)
            {
                shared[p].sub_(step[p].mul(learningRate));
            }

            var (after, _) = TaskLoss.StackedLosses(tasks, model.Network.forward(inputs), targets, mask);
            var lookahead = Host(after);
            for (int p = 0; p < shared.Count; p++)
            {
                shared[p].copy_(originals[p]);
            }

            for (int j = 0; j < count; j++)
            {
                if (labelled[j] && before[j] != 0)
                {
                    sums[i, j] += 1 - (lookahead[j] / before[j]);
                    batches[i, j]++;
                }
            }
        }
    }

    private static double[] Host(Tensor values)
        => MemoryMarshal.Cast<byte, float>(values.to(ScalarType.Float32).cpu().contiguous().bytes).ToArray().Select(v => (double)v).ToArray();
}
