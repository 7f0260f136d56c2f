namespace MultiTask.Benchmarks;

/// <summary>One timed training run: wall time of the training loop and the last epoch's mean loss per task.</summary>
internal sealed record RunResult(double Seconds, long Samples, double[] LastEpochLosses)
{
    internal double SamplesPerSecond => Samples / Seconds;
}
