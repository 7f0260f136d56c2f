namespace MultiTask.Safetensors;

/// <summary>A safetensors file cannot be read: it is truncated, its header is invalid, or a tensor's entry does not fit the data.</summary>
public sealed class SafetensorsException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with which file and which tensor.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SafetensorsException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with which file and which tensor.</param>
    public SafetensorsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public SafetensorsException()
        : base("The safetensors file cannot be read.")
    {
    }
}
