using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Losses;

/// <summary>Per-sample task losses and their masked mean, the reduction used for every task.</summary>
public static class TaskLoss
{
    /// <summary>The smallest weight sum divided by: a batch without labels has a zero numerator, so its loss is 0, not NaN.</summary>
    private const float MinimumWeight = 1e-12f;

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
        if (task.Loss == LossFunction.Focal)
        {
            var negativeLogLikelihood = task.Kind == TaskKind.Multiclass
                ? nn.functional.cross_entropy(output, target.to(ScalarType.Int64), reduction: nn.Reduction.None)
                : nn.functional.binary_cross_entropy_with_logits(output.view(-1), target, reduction: nn.Reduction.None);
            var pt = negativeLogLikelihood.neg().exp();
            return pt.neg().PlusScalar(1).PowerScalar(task.FocalGamma).mul(negativeLogLikelihood);
        }

        if (task.Kind == TaskKind.Multiclass)
        {
            return nn.functional.cross_entropy(output, target.to(ScalarType.Int64), reduction: nn.Reduction.None);
        }

        var prediction = output.view(-1);
        return task.Loss switch
        {
            LossFunction.MeanSquaredError => nn.functional.mse_loss(prediction, target, reduction: nn.Reduction.None),
            LossFunction.MeanAbsoluteError => prediction.sub(target).abs(),
            LossFunction.Huber => nn.functional.huber_loss(prediction, target, reduction: nn.Reduction.None, delta: 1.0),
            LossFunction.BinaryCrossEntropy => nn.functional.binary_cross_entropy_with_logits(prediction, target, reduction: nn.Reduction.None),
            _ => throw new InvalidOperationException($"Task '{task.Name}': loss {task.Loss} does not apply to a {task.Kind} task."),
        };
    }

    /// <summary>
    /// The mean of the per-row losses over the rows that have a label: Σ mask·loss / Σ mask (with class weights, the
    /// mask carries each row's weight). A batch with no label for the task gives 0 with a zero gradient, never NaN.
    /// </summary>
    /// <param name="perSample">[batch] per-row losses (finite).</param>
    /// <param name="mask">[batch] row weights: 1 (or the class weight) where labelled, 0 where missing.</param>
    /// <returns>A scalar, in the caller's dispose scope.</returns>
    public static Tensor MaskedMean(Tensor perSample, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(perSample);
        ArgumentNullException.ThrowIfNull(mask);
        return perSample.mul(mask).sum().div(mask.sum().ClampMinScalar(MinimumWeight));
    }

    /// <summary>The masked mean loss of every task for one batch.</summary>
    /// <param name="tasks">The tasks, in output order.</param>
    /// <param name="outputs">One head output per task.</param>
    /// <param name="targets">[batch, tasks] targets, as stored in a dataset.</param>
    /// <param name="mask">[batch, tasks] label mask.</param>
    /// <returns>One scalar per task, in the caller's dispose scope.</returns>
    /// <remarks>
    /// Each loss has its own graph (its head only), so back-propagating one task's loss does not traverse the other
    /// heads, as per-task gradients need; <see cref="StackedLosses"/> is cheaper when all losses are combined anyway.
    /// </remarks>
    public static Tensor[] BatchLosses(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<Tensor> outputs, Tensor targets, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(mask);
        var losses = new Tensor[tasks.Count];
        for (int t = 0; t < losses.Length; t++)
        {
            var y = targets.select(1, t);
            losses[t] = MaskedMean(PerSample(tasks[t], outputs[t], y), SampleWeights(tasks[t], y, mask.select(1, t)));
        }

        return losses;
    }

    /// <summary>
    /// Every task's masked mean loss at once, as a [tasks] tensor, with the per-task weight sums (the label counts
    /// without class weights). One chain of batched operations instead of one reduction per task.
    /// </summary>
    /// <param name="tasks">The tasks, in output order.</param>
    /// <param name="outputs">One head output per task.</param>
    /// <param name="targets">[batch, tasks] targets, as stored in a dataset.</param>
    /// <param name="mask">[batch, tasks] label mask.</param>
    /// <returns>The losses [tasks] and the weight sums [tasks], in the caller's dispose scope.</returns>
    public static (Tensor Losses, Tensor WeightSums) StackedLosses(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<Tensor> outputs, Tensor targets, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(mask);
        var perSample = new Tensor[tasks.Count];
        bool weighted = false;
        for (int t = 0; t < perSample.Length; t++)
        {
            perSample[t] = PerSample(tasks[t], outputs[t], targets.select(1, t));
            weighted |= tasks[t].ClassWeights is not null;
        }

        var weights = weighted
            ? torch.stack(tasks.Select((task, t) => SampleWeights(task, targets.select(1, t), mask.select(1, t))).ToArray(), dim: 1)
            : mask;
        var sums = weights.sum(dim: 0);
        return (torch.stack(perSample).mul(weights.t()).sum(dim: 1).div(sums.ClampMinScalar(MinimumWeight)), sums);
    }

    /// <summary>
    /// Every task's mean loss as a [tasks] tensor when every row has every label and no task has class weights: the
    /// same numbers as <see cref="StackedLosses"/> with a mask of ones (a factor 1 and a division by the row count),
    /// bit for bit, without the mask's operations.
    /// </summary>
    internal static Tensor StackedMeans(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<Tensor> outputs, Tensor targets)
    {
        var perSample = new Tensor[tasks.Count];
        for (int t = 0; t < perSample.Length; t++)
        {
            perSample[t] = PerSample(tasks[t], outputs[t], targets.select(1, t));
        }

        // A division by the row count, as the masked mean does (mean() multiplies by 1/n, which rounds differently unless n is a power of two).
        using var rows = ((double)targets.shape[0]).ToScalar();
        return torch.stack(perSample).sum(dim: 1).div(rows);
    }

    /// <summary>
    /// Every task's mean loss, each on its own graph (as <see cref="BatchLosses"/>), when every row has every label and
    /// no task has class weights: the same numbers as <see cref="BatchLosses"/> with a mask of ones, bit for bit,
    /// without the mask's operations.
    /// </summary>
    internal static Tensor[] BatchMeans(IReadOnlyList<TaskSpec> tasks, IReadOnlyList<Tensor> outputs, Tensor targets)
    {
        using var rows = ((double)targets.shape[0]).ToScalar();
        var losses = new Tensor[tasks.Count];
        for (int t = 0; t < losses.Length; t++)
        {
            losses[t] = PerSample(tasks[t], outputs[t], targets.select(1, t)).sum().div(rows);
        }

        return losses;
    }

    /// <summary>The mask, times each row's class weight when the task has class weights.</summary>
    /// <param name="task">The task.</param>
    /// <param name="target">[batch] class indices (any value where missing).</param>
    /// <param name="mask">[batch] 1 where labelled.</param>
    /// <returns>[batch] row weights, in the caller's dispose scope.</returns>
    public static Tensor SampleWeights(TaskSpec task, Tensor target, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(mask);
        if (task.ClassWeights is not { } weights)
        {
            return mask;
        }

        var table = torch.tensor(weights.Select(w => (float)w).ToArray(), device: mask.device);
        return table.index_select(0, target.to(ScalarType.Int64)).mul(mask);
    }
}
