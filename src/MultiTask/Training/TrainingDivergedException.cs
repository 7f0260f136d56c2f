namespace MultiTask.Training;

/// <summary>
/// Training produced a non-finite loss, gradient, weight or validation loss; the trainer stops rather than train on NaN.
/// The model then holds the last weights that gave a finite training loss, or the best epoch's weights when they are
/// kept (<see cref="TrainerOptions.RestoreBestWeights"/> with validation data); the message says which.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which task, epoch and step diverged, and what to try.</param>
    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">Which task, epoch and step diverged.</param>
    /// <param name="innerException">The underlying error.</param>
    public TrainingDivergedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public TrainingDivergedException()
        : base("Training produced a non-finite loss.")
    {
    }
}
