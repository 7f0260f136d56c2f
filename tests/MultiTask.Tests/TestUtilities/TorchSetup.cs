using System.Runtime.CompilerServices;
using TorchSharp;

namespace MultiTask.Tests.TestUtilities;

/// <summary>Test-wide TorchSharp settings, applied once when the test assembly loads.</summary>
internal static class TorchSetup
{
    /// <summary>
    /// One intra-op thread: the test models are tiny, and OpenMP threads that spin-wait on a busy 2-core machine make
    /// each step many times slower. Tests that need another count set TrainerOptions.Threads.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => torch.set_num_threads(1);
}
