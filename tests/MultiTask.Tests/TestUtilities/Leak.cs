using TorchSharp;

namespace MultiTask.Tests.TestUtilities;

/// <summary>The tensor-leak oracle: TorchSharp's per-thread count of live tensors must be the same before and after.</summary>
public static class Leak
{
    public static long LiveTensors => DisposeScopeManager.Statistics.ThreadTotalLiveCount;

    public static void AssertNone(Action action, string because = "")
    {
        long before = LiveTensors;
        action();
        long after = LiveTensors;
        (after - before).Should().Be(0, "no tensor may outlive the operation {0}", because);
    }
}
