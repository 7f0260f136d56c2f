namespace MultiTask.Training;

/// <summary>
/// Code that runs inside <c>MultiTaskTrainer.Fit</c> after every step and every epoch, on the training thread; add it to
/// <see cref="MultiTaskTrainer.Callbacks"/>. Override what you need; both methods do nothing by default. A callback can
/// stop training cleanly with <see cref="StepContext.RequestStop"/> or <see cref="EpochContext.RequestStop"/>.
/// </summary>
public abstract class TrainingCallback
{
    /// <summary>Called after each optimiser step.</summary>
    /// <param name="context">The step's numbers; call <see cref="StepContext.RequestStop"/> to end the epoch here and stop.</param>
    public virtual void OnStep(StepContext context)
    {
    }

    /// <summary>
    /// Called after each epoch, once its validation, early-stopping state and schedule are updated (so a checkpoint saved
    /// here with <see cref="MultiTaskTrainer.SaveCheckpoint"/> resumes exactly after this epoch).
    /// </summary>
    /// <param name="context">The epoch's numbers; call <see cref="EpochContext.RequestStop"/> to stop after it.</param>
    public virtual void OnEpoch(EpochContext context)
    {
    }
}
