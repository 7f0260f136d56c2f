namespace MultiTask.Training.Optimizers;

/// <summary>An optimiser step met a non-finite gradient (nothing changed) or produced a non-finite parameter; the trainer turns it into a <see cref="TrainingDivergedException"/>.</summary>
internal sealed class NonFiniteUpdateException : Exception
{
    /// <param name="what">"gradient" or "parameter".</param>
    internal NonFiniteUpdateException(string what)
        : base($"a {what} became NaN or infinite.")
    {
        What = what;
    }

    /// <summary>"gradient" or "parameter".</summary>
    internal string What { get; }
}
