namespace MultiTask.Training;

/// <summary>The task weights and gradient cosines of one training step (kept with <see cref="GradientDiagnostics.PerStep"/>).</summary>
/// <param name="Epoch">The epoch, from 1.</param>
/// <param name="Step">The step, from 0, counted across epochs.</param>
/// <param name="Weights">The task weights used at this step, in task order.</param>
/// <param name="GradientCosines">Cosine similarity of the task gradients, [T][T].</param>
public sealed record StepRecord(int Epoch, long Step, IReadOnlyList<double> Weights, IReadOnlyList<IReadOnlyList<double>> GradientCosines);
