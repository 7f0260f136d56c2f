namespace MultiTask.Benchmarks;

/// <summary>One PyTorch run: its timing and losses, the Python process's peak RSS, the torch version and the BLAS it loaded.</summary>
internal sealed record PeerResult(RunResult Run, long PeakRssBytes, string TorchVersion, string Blas);
