using TorchSharp;

namespace MultiTask.Internal;

/// <summary>Runs work with TorchSharp's CPU thread count set for its duration, restoring the caller's setting afterwards.</summary>
internal static class TorchThreads
{
    /// <param name="threads">The thread count; null leaves the current setting.</param>
    /// <param name="work">The work.</param>
    internal static T Run<T>(int? threads, Func<T> work)
    {
        if (threads is not int count)
        {
            return work();
        }

        int previous = torch.get_num_threads();
        torch.set_num_threads(count);
        try
        {
            return work();
        }
        finally
        {
            torch.set_num_threads(previous);
        }
    }
}
