namespace MultiTask.Training;

/// <summary>Which tasks a training step on one dataset optimises.</summary>
public enum TaskSchedule
{
    /// <summary>Every task at every step (the default).</summary>
    Joint,

    /// <summary>One task per step, in turn (round-robin over tasks): at step s only task s mod T contributes a loss.</summary>
    Alternating,
}
