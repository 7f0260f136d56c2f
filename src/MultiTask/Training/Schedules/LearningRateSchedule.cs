namespace MultiTask.Training.Schedules;

/// <summary>
/// A learning-rate schedule for <see cref="TrainerOptions.LearningRateSchedule"/>: the learning rate of each optimiser
/// step as a function of <see cref="TrainerOptions.LearningRate"/> (the base rate) and the number of steps or epochs
/// done before it, with PyTorch's definitions (<c>torch.optim.lr_scheduler</c>, PyTorch 1.13): the first step or epoch
/// uses the value PyTorch's scheduler has right after construction, the k-th the value after k calls of <c>step()</c>.
/// </summary>
/// <remarks>
/// Schedules are immutable configurations; a trainer keeps any run state (<see cref="ReduceOnPlateau"/>) itself and saves
/// it in checkpoints. Closed-form schedules depend only on the step or epoch counter, which checkpoints restore, so a
/// resumed run continues the schedule exactly.
/// </remarks>
public abstract class LearningRateSchedule
{
    private protected LearningRateSchedule()
    {
    }

    /// <summary>Whether the schedule counts optimiser steps (true) or completed epochs (false).</summary>
    internal abstract bool PerStep { get; }

    /// <summary>The learning rate after <paramref name="index"/> steps or epochs.</summary>
    /// <param name="baseRate">The trainer's <see cref="TrainerOptions.LearningRate"/>.</param>
    /// <param name="index">The number of optimiser steps (or completed epochs) before the step.</param>
    internal abstract double Rate(double baseRate, long index);

    /// <summary>Checks rules between the schedule and the trainer's options (called by the trainer).</summary>
    internal virtual void Check()
    {
    }
}
