namespace MultiTask;

/// <summary>
/// The check an application (or a test suite) runs first thing, before any direct TorchSharp call: it loads
/// TorchSharp's native library the way MultiTask does and, when that fails, throws the clear
/// <see cref="TorchNativeLibraryException"/> (a missing backend package, or a libstdc++ that is too old) instead of
/// TorchSharp's own, often misleading, message. MultiTask's own entry points run the same check, so calling it is only
/// needed when the application touches TorchSharp (for example <c>torch.set_num_threads</c>) before MultiTask.
/// </summary>
public static class MultiTaskRuntime
{
    /// <summary>
    /// Makes sure TorchSharp's native library is loaded. The check runs once per process; later calls repeat its result.
    /// </summary>
    /// <exception cref="TorchNativeLibraryException">The native library cannot be loaded; the message says how to fix it.</exception>
    public static void EnsureAvailable() => TorchRuntime.EnsureLoaded();
}
