using MultiTask.Tabular.FeatureSelection;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// A step of a <see cref="Pipeline"/>: an unsupervised <see cref="ITransformEstimator"/> (imputer, encoder, scaler) or a
/// supervised <see cref="ISupervisedTransformEstimator"/> (a feature selector, which receives the targets). Implement
/// one of those two, not this interface alone.
/// </summary>
public interface IPipelineStep;
