namespace MultiTask.Data.Synthetic;

/// <summary>
/// Settings of the synthetic regression tasks of Ma et al., "Modeling Task Relationships in Multi-task Learning with
/// Multi-gate Mixture-of-Experts", KDD 2018, §3.2. Defaults follow the Google Research generator cited by the paper's
/// authors: m = 10 sine terms with αᵢ = i and βᵢ = (i − 1)², c = 1, noise standard deviation 0.01. The other widely used
/// port, <c>drawbridge/keras-mmoe</c>'s <c>synthetic_demo.py</c>, is <c>{ SineTerms = 5, Scale = 0.3,
/// SineConstants = MmoeSineConstants.StandardNormal, NoiseStandardDeviation = 0.1 }</c>.
/// </summary>
/// <remarks>
/// Each setting is checked when it is set (an out-of-range value throws <see cref="ArgumentOutOfRangeException"/> naming
/// it); the rule between two settings, <see cref="FeatureCount"/> ≥ <see cref="TaskCount"/>, is checked by
/// <see cref="SyntheticTasks.Mmoe"/>.
/// </remarks>
public sealed class MmoeSyntheticOptions
{
    private const string Owner = nameof(MmoeSyntheticOptions);

    /// <summary>The number of rows. Range: ≥ 1. Default: 10,000.</summary>
    public int RowCount { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 10_000;

    /// <summary>The input dimension d. Range: ≥ 1, and ≥ <see cref="TaskCount"/> (checked when generating). Default: 100.</summary>
    public int FeatureCount { get; init => field = OptionRanges.Require(value, value >= 1, "≥ 1", Owner); } = 100;

    /// <summary>The number of tasks. Range: ≥ 2. Default: 2.</summary>
    public int TaskCount { get; init => field = OptionRanges.Require(value, value >= 2, "≥ 2", Owner); } = 2;

    /// <summary>
    /// The task correlation p: the cosine between the first task's weight vector and every other task's.
    /// (Between two later tasks the cosine is p².) Range: [−1, 1]. Default: 0.9.
    /// </summary>
    public double Correlation { get; init => field = OptionRanges.Require(value, value is >= -1 and <= 1, "in [−1, 1]", Owner); } = 0.9;

    /// <summary>The scale c of the weight vectors (their length). Range: finite and &gt; 0. Default: 1.</summary>
    public double Scale { get; init => field = OptionRanges.Require(value, value > 0 && double.IsFinite(value), "finite and > 0", Owner); } = 1.0;

    /// <summary>The number m of sine terms. Range: ≥ 0. Default: 10.</summary>
    public int SineTerms { get; init => field = OptionRanges.Require(value, value >= 0, "≥ 0", Owner); } = 10;

    /// <summary>The standard deviation of the Gaussian label noise. Range: finite and ≥ 0. Default: 0.01.</summary>
    public double NoiseStandardDeviation { get; init => field = OptionRanges.Require(value, value >= 0 && double.IsFinite(value), "finite and ≥ 0", Owner); } = 0.01;

    /// <summary>
    /// How the sine terms' frequencies αᵢ and phases βᵢ are chosen: the Google Research constants (αᵢ = i, βᵢ = (i − 1)²)
    /// or drawn from N(0, 1) with <see cref="Seed"/> as keras-mmoe does. Range: a defined <see cref="MmoeSineConstants"/>.
    /// Default: <see cref="MmoeSineConstants.GoogleResearch"/>.
    /// </summary>
    public MmoeSineConstants SineConstants { get; init => field = OptionRanges.Defined(value, Owner); } = MmoeSineConstants.GoogleResearch;

    /// <summary>
    /// Seeds every random draw (directions, sine constants if drawn and <see cref="SineConstantsSeed"/> is not set,
    /// inputs, noise). Default: 0.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>
    /// With <see cref="MmoeSineConstants.StandardNormal"/>: when set, αᵢ and βᵢ are drawn from their own generator seeded
    /// with this value, so they are the same for every <see cref="Seed"/> (one function family per experiment, only the
    /// directions, inputs and noise vary with the seed); when null (the default) they are drawn from the <see cref="Seed"/>
    /// stream after the directions, as keras-mmoe does. Ignored with <see cref="MmoeSineConstants.GoogleResearch"/>.
    /// </summary>
    public int? SineConstantsSeed { get; init; }
}
