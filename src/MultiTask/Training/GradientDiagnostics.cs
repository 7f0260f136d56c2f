namespace MultiTask.Training;

/// <summary>How often the trainer measures the pairwise cosine similarity of the task gradients on the shared parameters.</summary>
public enum GradientDiagnostics
{
    /// <summary>Never (no extra cost).</summary>
    None,

    /// <summary>
    /// Once per epoch, averaged into the <see cref="EpochRecord"/>: gradient-based methods average every step's
    /// cosines at no extra cost; loss-based methods measure the first step of each epoch (T extra backward passes).
    /// </summary>
    PerEpoch,

    /// <summary>Every step, kept in <see cref="TrainingHistory.Steps"/> (loss-based methods pay T extra backward passes per step).</summary>
    PerStep,
}
