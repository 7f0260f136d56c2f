namespace MultiTask.Training.Schedules;

/// <summary>What a <see cref="LearningRateSchedule"/> counts.</summary>
public enum ScheduleInterval
{
    /// <summary>Completed epochs: the rate changes between epochs (PyTorch: <c>scheduler.step()</c> once per epoch).</summary>
    Epoch,

    /// <summary>Optimiser steps: the rate changes between steps (PyTorch: <c>scheduler.step()</c> after every <c>optimizer.step()</c>).</summary>
    Step,
}
