namespace MultiTask.Benchmarks;

/// <summary>What the benchmark measures.</summary>
internal enum BenchmarkMode
{
    /// <summary>Training throughput of the library against a hand-written TorchSharp loop.</summary>
    Throughput,

    /// <summary>Step time of every weighting method relative to equal weighting.</summary>
    Weightings,

    /// <summary>Samples/s and peak RSS as rows, trunk width and task count grow (equal weighting and PCGrad).</summary>
    Scaling,

    /// <summary>Preprocessing and feature selection against scikit-learn on the same data.</summary>
    ScikitLearn,

    /// <summary>Peak memory of building a dataset and a 70/15/15 split, in copies of the user's feature array.</summary>
    Memory,

    /// <summary>The synthetic experiment of Ma et al. (KDD 2018): MMoE vs shared-bottom test MSE across task correlations.</summary>
    MmoeSynthetic,
}
