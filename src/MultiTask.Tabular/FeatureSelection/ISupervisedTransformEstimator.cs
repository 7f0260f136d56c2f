using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>A step that learns from the features and the targets of one or more tasks (feature selection).</summary>
public interface ISupervisedTransformEstimator
{
    /// <summary>Learns the step.</summary>
    /// <param name="data">The training features (numeric columns).</param>
    /// <param name="targets">One or more tasks' targets, each with one entry per row.</param>
    /// <returns>The fitted step.</returns>
    IFittedTransform Fit(TabularData data, IReadOnlyList<SelectionTarget> targets);
}
