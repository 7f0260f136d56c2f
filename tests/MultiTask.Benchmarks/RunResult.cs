namespace MultiTask.Benchmarks;

/// <summary>
/// One timed training run: wall time of the training loop, the last epoch's mean loss per task, and (library runs) the
/// peak RSS above the RSS at the start of the loop, a SHA-256 prefix of the trained parameters, the peak RSS itself and
/// the process's CPU time during the loop (user + system; less sensitive than wall time to other processes on the machine).
/// </summary>
internal sealed record RunResult(double Seconds, long Samples, double[] LastEpochLosses, long PeakRssGrowthBytes = 0, string ParameterHash = "", long PeakRssBytes = 0, double CpuSeconds = 0)
{
    internal double SamplesPerSecond => Samples / Seconds;
}
