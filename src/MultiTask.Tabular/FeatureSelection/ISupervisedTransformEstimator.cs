using MultiTask.Data;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// A step that learns from the features and the targets of one or more tasks (feature selection). It takes the targets
/// exactly as <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>
/// does, so they are built once; inside a <see cref="Pipeline"/> it receives them from <see cref="Pipeline.Fit(TabularData, IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.
/// </summary>
public interface ISupervisedTransformEstimator : IPipelineStep
{
    /// <summary>Learns the step.</summary>
    /// <param name="data">The training features (numeric columns).</param>
    /// <param name="tasks">The tasks.</param>
    /// <param name="targets">Each task's targets, one per row, paired with <paramref name="tasks"/> by position.</param>
    /// <returns>The fitted step.</returns>
    IFittedTransform Fit(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets);
}
