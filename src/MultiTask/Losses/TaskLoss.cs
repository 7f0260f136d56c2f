using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Losses;

/// <summary>Per-sample task losses and their masked mean, the reduction used for every task.</summary>
public static class TaskLoss
{
    /// <summary>The loss of each row of a batch for one task.</summary>
    /// <param name="task">The task.</param>
    /// <param name="output">The head's output: [batch, 1] or [batch, classes].</param>
    /// <param name="target">The task's target column, [batch] float32 (class index for classification; any finite value where missing).</param>
    /// <returns>[batch] per-row losses, in the caller's dispose scope.</returns>
    public static Tensor PerSample(TaskSpec task, Tensor output, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(target);
        if (task.Kind == TaskKind.Multiclass)
        {
            return nn.functional.cross_entropy(output, target.to(ScalarType.Int64), reduction: nn.Reduction.None);
        }

        var prediction = output.view(-1);
        return task.Loss switch
        {
            LossFunction.MeanSquaredError => prediction.sub(target).square(),
            LossFunction.MeanAbsoluteError => prediction.sub(target).abs(),
            LossFunction.Huber => nn.functional.huber_loss(prediction, target, reduction: nn.Reduction.None, delta: 1.0),
            LossFunction.BinaryCrossEntropy => nn.functional.binary_cross_entropy_with_logits(prediction, target, reduction: nn.Reduction.None),
            _ => throw new InvalidOperationException($"Task '{task.Name}': loss {task.Loss} does not apply to a {task.Kind} task."),
        };
    }

    /// <summary>
    /// The mean of the per-row losses over the rows that have a label: Σ mask·loss / max(Σ mask, 1).
    /// A batch with no label for the task gives 0 with a zero gradient, never NaN.
    /// </summary>
    /// <param name="perSample">[batch] per-row losses (finite).</param>
    /// <param name="mask">[batch] 1 where labelled, 0 where missing.</param>
    /// <returns>A scalar, in the caller's dispose scope.</returns>
    public static Tensor MaskedMean(Tensor perSample, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(perSample);
        ArgumentNullException.ThrowIfNull(mask);
        return perSample.mul(mask).sum().div(mask.sum().clamp_min(1));
    }

    /// <summary>The masked mean loss of every task for one batch.</summary>
    /// <param name="tasks">The tasks, in output order.</param>
    /// <param name="outputs">One head output per task.</param>
    /// <param name="targets">[batch, tasks] targets, as stored in a dataset.</param>
    /// <param name="mask">[batch, tasks] label mask.</param>
    /// <returns>One scalar per task, in the caller's dispose scope.</returns>
    public static Tensor[] BatchLosses(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<Tensor> outputs, Tensor targets, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(mask);
        var losses = new Tensor[tasks.Count];
        for (int t = 0; t < losses.Length; t++)
        {
            losses[t] = MaskedMean(PerSample(tasks[t], outputs[t], targets.select(1, t)), mask.select(1, t));
        }

        return losses;
    }
}
