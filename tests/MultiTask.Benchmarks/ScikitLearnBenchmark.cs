namespace MultiTask.Benchmarks;

/// <summary>Preprocessing and feature selection against scikit-learn (filled in once those namespaces land).</summary>
internal static class ScikitLearnBenchmark
{
    internal static int Run(BenchmarkOptions options)
    {
        Console.Error.WriteLine($"The scikit-learn comparison is not available yet ({options.Rows} rows requested).");
        return 2;
    }
}
