using System.Runtime.InteropServices;
using MultiTask.Data;
using MultiTask.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Interpretability;

/// <summary>
/// Gradient × input saliency per task (Shrikumar et al., 2016, "Not Just a Black Box: Learning Important Features
/// Through Propagating Activation Differences", arXiv:1605.01713; Ancona et al., ICLR 2018): for each row and feature,
/// ∂oₜ/∂x_f · x_f, where oₜ is task t's head output before its link function — the predicted value (regression), the
/// logit (binary) or the logit of the row's most probable class (multiclass). For a linear model oₜ = w·x it is w ⊙ x.
/// </summary>
public static class GradientSaliency
{
    /// <summary>Computes the saliency of every task for rows of features, in evaluation mode (no dropout, batch-norm running statistics).</summary>
    /// <param name="model">A model that takes features.</param>
    /// <param name="features">[rows, features]; the feature count must match the trunk's; every value finite.</param>
    /// <param name="batchSize">Rows per forward and backward pass. Range: ≥ 1. Default: 256.</param>
    /// <exception cref="ArgumentException">The model takes tokens, or the features do not fit it.</exception>
    public static SaliencyReport Compute(MultiTaskModel model, float[,] features, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (model.Trunk.InputKind != InputKind.Features)
        {
            throw new ArgumentException($"Gradient × input saliency needs real-valued features; the model's trunk takes {model.Trunk.InputKind}.", nameof(model));
        }

        int rows = features.GetLength(0), width = features.GetLength(1);
        if (model.Trunk.InputWidth is int expected && width != expected)
        {
            throw new ArgumentException($"The model expects {expected} features per row (input shape [rows, {expected}]); got {width}.", nameof(features));
        }

        TorchRuntime.EnsureLoaded();
        var tasks = model.Tasks;
        var values = tasks.Select(_ => new float[rows, width]).ToArray();
        var network = model.Network;
        bool wasTraining = network.training;
        network.eval();
        try
        {
            TorchThreads.Run(model.Threads, () =>
            {
                using var all = InputArrays.Features(features);
                using var gradients = torch.enable_grad();
                for (int start = 0; start < rows; start += batchSize)
                {
                    using var scope = torch.NewDisposeScope();
                    int count = Math.Min(batchSize, rows - start);
                    var x = all.narrow(0, start, count).to(model.Device).detach().requires_grad_(true);
                    var outputs = network.forward(x);
                    for (int t = 0; t < tasks.Count; t++)
                    {
                        var output = tasks[t].Kind == TaskKind.Multiclass
                            ? outputs[t].gather(1, outputs[t].argmax(1, keepdim: true))
                            : outputs[t];

                        // Rows are independent in evaluation mode, so the gradient of the sum holds each row's own gradient.
                        output.sum().backward(retain_graph: t < tasks.Count - 1, inputs: [x]);
                        var product = x.grad is { } grad ? grad.mul(x).detach() : torch.zeros_like(x);
                        x.grad = null;
                        var host = MemoryMarshal.Cast<byte, float>(product.to(ScalarType.Float32).cpu().contiguous().bytes);
                        host.CopyTo(MemoryMarshal.CreateSpan(ref values[t][0, 0], values[t].Length).Slice(start * width, count * width));
                    }
                }

                return 0;
            });
        }
        finally
        {
            network.train(wasTraining);
        }

        return new SaliencyReport(tasks.Select((task, t) => new TaskSaliency(task, values[t])).ToArray());
    }

    /// <summary>Computes the saliency of every task for the rows of a dataset (its targets are ignored).</summary>
    /// <param name="model">A model that takes features.</param>
    /// <param name="data">A feature dataset that fits the model.</param>
    /// <param name="batchSize">Rows per forward and backward pass. Range: ≥ 1. Default: 256.</param>
    public static SaliencyReport Compute(MultiTaskModel model, MultiTaskDataset data, int batchSize = 256)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        model.CheckInputs(data);
        return Compute(model, data.GetFeatures(), batchSize);
    }
}
