using System.Runtime.CompilerServices;
using TorchSharp;

namespace MultiTask.Tests.TestUtilities;

/// <summary>Test-wide TorchSharp settings, applied once when the test assembly loads.</summary>
internal static class TorchSetup
{
    /// <summary>
    /// Runs the library's native-library check first, so that on a machine where libtorch cannot load (for example
    /// Debian 12's libstdc++ without GLIBCXX_3.4.32) every test fails with <see cref="TorchNativeLibraryException"/>'s
    /// message, which names the fix, and not with TorchSharp's misleading one. Then one intra-op thread: the test
    /// models are tiny, and OpenMP threads that spin-wait on a busy 2-core machine make each step many times slower.
    /// Tests that need another count set TrainerOptions.Threads.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        MultiTaskRuntime.EnsureAvailable();
        torch.set_num_threads(1);
    }
}
