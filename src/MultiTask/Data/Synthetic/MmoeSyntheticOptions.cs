namespace MultiTask.Data.Synthetic;

/// <summary>
/// Settings of the synthetic regression tasks of Ma et al., "Modeling Task Relationships in Multi-task Learning with
/// Multi-gate Mixture-of-Experts", KDD 2018, §3.2. Defaults follow the Google Research generator cited by the paper's
/// authors: m = 10 sine terms with αᵢ = i and βᵢ = (i − 1)², c = 1, noise standard deviation 0.01.
/// </summary>
public sealed class MmoeSyntheticOptions
{
    /// <summary>The number of rows. Range: ≥ 1. Default: 10,000.</summary>
    public int Rows { get; init; } = 10_000;

    /// <summary>The input dimension d. Range: ≥ <see cref="TaskCount"/>. Default: 100.</summary>
    public int Features { get; init; } = 100;

    /// <summary>The number of tasks. Range: ≥ 2. Default: 2.</summary>
    public int TaskCount { get; init; } = 2;

    /// <summary>
    /// The task correlation p: the cosine between the first task's weight vector and every other task's.
    /// (Between two later tasks the cosine is p².) Range: [−1, 1]. Default: 0.9.
    /// </summary>
    public double Correlation { get; init; } = 0.9;

    /// <summary>The scale c of the weight vectors (their length). Range: &gt; 0. Default: 1.</summary>
    public double Scale { get; init; } = 1.0;

    /// <summary>The number m of sine terms. Range: ≥ 0. Default: 10.</summary>
    public int SineTerms { get; init; } = 10;

    /// <summary>The standard deviation of the Gaussian label noise. Range: ≥ 0. Default: 0.01.</summary>
    public double NoiseStandardDeviation { get; init; } = 0.01;

    /// <summary>Seeds every random draw (directions, inputs, noise). Default: 0.</summary>
    public int Seed { get; init; }

    /// <summary>Checks every setting; the message names the setting and its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public MmoeSyntheticOptions Validate()
    {
        if (Rows < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Rows), Rows, "Rows must be ≥ 1.");
        }

        if (TaskCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(TaskCount), TaskCount, "TaskCount must be ≥ 2.");
        }

        if (Features < TaskCount)
        {
            throw new ArgumentOutOfRangeException(nameof(Features), Features, $"Features must be ≥ TaskCount ({TaskCount}) to draw orthogonal directions.");
        }

        if (!(Correlation >= -1 && Correlation <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Correlation), Correlation, "Correlation must be in [−1, 1].");
        }

        if (!(Scale > 0 && double.IsFinite(Scale)))
        {
            throw new ArgumentOutOfRangeException(nameof(Scale), Scale, "Scale must be > 0.");
        }

        if (SineTerms < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SineTerms), SineTerms, "SineTerms must be ≥ 0.");
        }

        if (!(NoiseStandardDeviation >= 0 && double.IsFinite(NoiseStandardDeviation)))
        {
            throw new ArgumentOutOfRangeException(nameof(NoiseStandardDeviation), NoiseStandardDeviation, "NoiseStandardDeviation must be ≥ 0.");
        }

        return this;
    }
}
