namespace MultiTask;

/// <summary>What a task predicts.</summary>
public enum TaskKind
{
    /// <summary>A real value. Missing labels are <see cref="float.NaN"/>.</summary>
    Regression,

    /// <summary>A yes/no label (0 or 1). Missing labels are <see cref="TaskSpec.MissingClass"/>.</summary>
    Binary,

    /// <summary>One of <see cref="TaskSpec.ClassCount"/> classes, 0-based. Missing labels are <see cref="TaskSpec.MissingClass"/>.</summary>
    Multiclass,
}
