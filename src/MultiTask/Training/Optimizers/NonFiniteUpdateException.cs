namespace MultiTask.Training.Optimizers;

/// <summary>An optimiser step produced a non-finite parameter, from a non-finite gradient or an overflowing update (the caller rolls the update back through BeforeUpdate); the trainer turns it into a <see cref="TrainingDivergedException"/>.</summary>
internal sealed class NonFiniteUpdateException : Exception
{
    /// <param name="what">"gradient" or "parameter".</param>
    /// <param name="inner">The native error of an update that overflowed, if any.</param>
    internal NonFiniteUpdateException(string what, Exception? inner = null)
        : base($"a {what} became NaN or infinite.", inner)
    {
        What = what;
    }

    /// <summary>"gradient" or "parameter".</summary>
    internal string What { get; }
}
