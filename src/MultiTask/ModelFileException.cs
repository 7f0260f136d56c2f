namespace MultiTask;

/// <summary>A model file cannot be read: it is not a MultiTask model, it is truncated or corrupted, or it needs a newer library.</summary>
public sealed class ModelFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with which file.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public ModelFileException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with which file.</param>
    public ModelFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public ModelFileException()
        : base("The model file cannot be read.")
    {
    }
}
