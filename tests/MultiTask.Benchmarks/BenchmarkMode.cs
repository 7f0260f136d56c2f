namespace MultiTask.Benchmarks;

/// <summary>What the benchmark measures.</summary>
internal enum BenchmarkMode
{
    /// <summary>Training throughput of the library against a hand-written TorchSharp loop.</summary>
    Throughput,

    /// <summary>Step time of every weighting method relative to equal weighting.</summary>
    Weightings,

    /// <summary>Preprocessing and feature selection against scikit-learn on the same data.</summary>
    ScikitLearn,
}
