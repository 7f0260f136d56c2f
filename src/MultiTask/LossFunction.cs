namespace MultiTask;

/// <summary>The per-sample loss of a task. Every loss is reduced as a masked mean over the rows that have a label.</summary>
public enum LossFunction
{
    /// <summary>Squared error (y − ŷ)². The default for regression.</summary>
    MeanSquaredError,

    /// <summary>Absolute error |y − ŷ|. Regression only.</summary>
    MeanAbsoluteError,

    /// <summary>Huber loss with δ = 1 (squared below δ, linear above). Regression only.</summary>
    Huber,

    /// <summary>Binary cross-entropy on the logit (numerically stable). The default for binary tasks.</summary>
    BinaryCrossEntropy,

    /// <summary>Softmax cross-entropy on the logits. The default for multiclass tasks.</summary>
    CrossEntropy,

    /// <summary>Focal loss −(1 − pₜ)^γ·log pₜ on the logits (binary or multiclass); see <see cref="TaskSpec.WithFocalLoss"/>.</summary>
    Focal,
}
