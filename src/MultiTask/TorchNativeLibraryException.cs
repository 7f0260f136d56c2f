namespace MultiTask;

/// <summary>
/// Thrown when TorchSharp's native library cannot be loaded. The message says what is missing (a backend package,
/// or a C++ runtime that is too old) and how to fix it, in place of TorchSharp's own, often misleading, message.
/// </summary>
public sealed class TorchNativeLibraryException : Exception
{
    /// <summary>Creates the exception with a message and the loader's original error.</summary>
    /// <param name="message">What is missing and how to fix it.</param>
    /// <param name="innerException">TorchSharp's original exception.</param>
    public TorchNativeLibraryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is missing and how to fix it.</param>
    public TorchNativeLibraryException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public TorchNativeLibraryException()
        : base("TorchSharp's native library could not be loaded.")
    {
    }
}
