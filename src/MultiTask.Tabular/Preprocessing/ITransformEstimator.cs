using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// An unfitted preprocessing step (scikit-learn's estimator; ML.NET's IEstimator): <see cref="Fit"/> learns its
/// statistics from training data only and returns an immutable <see cref="IFittedTransform"/>.
/// </summary>
public interface ITransformEstimator : IPipelineStep
{
    /// <summary>Learns the step from training data.</summary>
    /// <param name="data">The training table.</param>
    /// <returns>The fitted step, to apply to training, validation, test and prediction data alike.</returns>
    IFittedTransform Fit(TabularData data);
}
