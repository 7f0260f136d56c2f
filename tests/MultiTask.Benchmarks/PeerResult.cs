namespace MultiTask.Benchmarks;

/// <summary>One PyTorch run: its timing and losses, the Python process's peak RSS and the torch version.</summary>
internal sealed record PeerResult(RunResult Run, long PeakRssBytes, string TorchVersion);
