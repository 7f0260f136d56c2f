namespace MultiTask.Training;

/// <summary>The numbers one training step leaves behind: losses, label counts (class-weight sums for class-weighted tasks), weights and (when measured) the gradient Gramian.</summary>
internal sealed record StepOutcome(double[] Losses, double[] LabelCounts, double[] Weights, double[,]? Gramian);
