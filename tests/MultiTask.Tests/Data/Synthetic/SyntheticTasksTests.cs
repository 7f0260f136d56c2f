using MathNet.Numerics.Statistics;
using MultiTask.Data.Synthetic;

namespace MultiTask.Tests.Data.Synthetic;

public sealed class SyntheticTasksTests
{
    [Theory]
    [InlineData(0.5, 1.0)]
    [InlineData(0.9, 2.0)]
    [InlineData(-0.3, 0.5)]
    public void Mmoe_WeightVectors_HaveLengthCAndCosineP(double p, double c)
    {
        var data = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 5, FeatureCount = 20, Correlation = p, Scale = c, Seed = 1 });

        var (w1, w2) = (data.Weights[0], data.Weights[1]);
        Norm(w1).Should().BeApproximately(c, 1e-12);
        Norm(w2).Should().BeApproximately(c, 1e-12);
        (Dot(w1, w2) / (c * c)).Should().BeApproximately(p, 1e-12);
    }

    [Fact]
    public void Mmoe_ThreeTasks_LaterPairsHaveCosinePSquared()
    {
        var data = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 5, FeatureCount = 10, TaskCount = 3, Correlation = 0.8, Seed = 2 });

        (Dot(data.Weights[0], data.Weights[2]) / (Norm(data.Weights[0]) * Norm(data.Weights[2]))).Should().BeApproximately(0.8, 1e-12);
        (Dot(data.Weights[1], data.Weights[2]) / (Norm(data.Weights[1]) * Norm(data.Weights[2]))).Should().BeApproximately(0.64, 1e-12);
    }

    [Fact]
    public void Mmoe_NoiseFree_TargetsFollowThePaperFormula()
    {
        var data = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 50, FeatureCount = 8, NoiseStandardDeviation = 0, Seed = 3 });

        for (int i = 0; i < 50; i++)
        {
            for (int t = 0; t < 2; t++)
            {
                ((double)data.Targets[t][i]).Should().BeApproximately(PaperTarget(data, t, i), 1e-4);
            }
        }
    }

    [Fact]
    public void Mmoe_LinearPartOnly_LabelCorrelationEqualsP()
    {
        // With no sine terms and no noise, y_t = w_tᵀx with x ~ N(0, I): corr(y1, y2) = cos(w1, w2) = p.
        // 20,000 rows give a sampling standard error of about (1 − p²)/√n ≈ 0.003.
        var data = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 20_000, FeatureCount = 16, Correlation = 0.7, SineTerms = 0, NoiseStandardDeviation = 0, Seed = 4 });

        var r = Correlation.Pearson(data.Targets[0].Select(v => (double)v), data.Targets[1].Select(v => (double)v));

        r.Should().BeApproximately(0.7, 0.015);
    }

    [Fact]
    public void Mmoe_SameSeed_SameData_OtherSeed_OtherData()
    {
        var a = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 10, FeatureCount = 5, Seed = 7 });
        var b = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 10, FeatureCount = 5, Seed = 7 });
        var c = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 10, FeatureCount = 5, Seed = 8 });

        a.Targets[1].Should().Equal(b.Targets[1]);
        a.Targets[1].Should().NotEqual(c.Targets[1]);
    }

    [Fact]
    public void Mmoe_Defaults_AreTheConstantsOfMaEtAlsSyntheticExperiment()
    {
        // mtl-methods.md §5.1 (the Google Research generator the paper's authors cite): d = 100, c = 1, m = 10 with
        // α_i = i and β_i = (i − 1)², noise std 0.01. The residual y − (z + Σ sin(α_i z + β_i)) is the noise alone; over
        // 2 × 2,000 draws its sample standard deviation has a standard error of 0.01/√8,000 ≈ 1.1e-4.
        var data = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 2_000, Seed = 9 });

        data.Features.GetLength(1).Should().Be(100);
        Norm(data.Weights[0]).Should().BeApproximately(1.0, 1e-12);
        Norm(data.Weights[1]).Should().BeApproximately(1.0, 1e-12);
        var residuals = new List<double>();
        for (int t = 0; t < 2; t++)
        {
            for (int i = 0; i < 2_000; i++)
            {
                residuals.Add(data.Targets[t][i] - PaperTarget(data, t, i));
            }
        }

        residuals.Average().Should().BeApproximately(0, 0.0005);
        residuals.StandardDeviation().Should().BeApproximately(0.01, 0.0005);
    }

    [Fact]
    public void Mmoe_GoogleResearchConstants_AreExposed_AlphaIAndBetaIMinusOneSquared()
    {
        var data = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 1, FeatureCount = 4, SineTerms = 4, Seed = 1 });

        data.SineFrequencies.Should().Equal(1.0, 2.0, 3.0, 4.0);
        data.SinePhases.Should().Equal(0.0, 1.0, 4.0, 9.0);
    }

    [Fact]
    public void Mmoe_StandardNormalConstants_TargetsFollowTheFormulaWithTheExposedConstants()
    {
        // keras-mmoe's synthetic_demo.py: y_t = z + Σ_{i=1..5} sin(α_i z + β_i), z = w_tᵀx, c = 0.3, the same α, β for both tasks.
        var data = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 30, FeatureCount = 12, SineTerms = 5, Scale = 0.3, SineConstants = MmoeSineConstants.StandardNormal, NoiseStandardDeviation = 0, Seed = 5 });

        data.SineFrequencies.Should().HaveCount(5);
        data.SinePhases.Should().HaveCount(5);
        data.SineFrequencies.Should().NotEqual([1.0, 2.0, 3.0, 4.0, 5.0]);
        for (int i = 0; i < 30; i++)
        {
            for (int t = 0; t < 2; t++)
            {
                ((double)data.Targets[t][i]).Should().BeApproximately(Target(data, t, i, data.SineFrequencies, data.SinePhases), 1e-5);
            }
        }
    }

    [Fact]
    public void Mmoe_StandardNormalConstants_AreDrawnFromTheStandardNormal()
    {
        // 4,000 draws of α and of β: sample mean within 4 standard errors (4/√4000 ≈ 0.063) of 0, sample variance within
        // 4 standard errors (4·√(2/3999) ≈ 0.089) of 1; and a different seed draws different constants.
        var options = new MmoeSyntheticOptions { RowCount = 1, FeatureCount = 2, SineTerms = 4_000, SineConstants = MmoeSineConstants.StandardNormal, Seed = 6 };
        var data = SyntheticTasks.Mmoe(options);
        var other = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 1, FeatureCount = 2, SineTerms = 4_000, SineConstants = MmoeSineConstants.StandardNormal, Seed = 7 });

        foreach (var draws in new[] { data.SineFrequencies, data.SinePhases })
        {
            draws.Average().Should().BeApproximately(0, 0.063);
            draws.Variance().Should().BeApproximately(1, 0.089);
        }

        Correlation.Pearson(data.SineFrequencies, data.SinePhases).Should().BeApproximately(0, 0.063);
        data.SineFrequencies.Should().NotEqual(other.SineFrequencies);
    }

    [Fact]
    public void Mmoe_SineConstantsSeed_DrawsTheConstantsFromItsOwnGenerator_TheSameForEveryDataSeed()
    {
        // With SineConstantsSeed = 42, α₁..α₃ then β₁..β₃ are the first six N(0, 1) draws of new Random(42), whatever Seed
        // is; the directions still come from Seed (they are drawn first, so they equal those of the keras-mmoe draw).
        var expected = new Random(42);
        var draws = Enumerable.Range(0, 6).Select(_ => MathNet.Numerics.Distributions.Normal.Sample(expected, 0, 1)).ToArray();
        var one = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 3, FeatureCount = 6, SineTerms = 3, SineConstants = MmoeSineConstants.StandardNormal, SineConstantsSeed = 42, Seed = 1 });
        var two = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 3, FeatureCount = 6, SineTerms = 3, SineConstants = MmoeSineConstants.StandardNormal, SineConstantsSeed = 42, Seed = 2 });
        var perSeed = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 3, FeatureCount = 6, SineTerms = 3, SineConstants = MmoeSineConstants.StandardNormal, Seed = 1 });

        one.SineFrequencies.Should().Equal(draws[0], draws[1], draws[2]);
        one.SinePhases.Should().Equal(draws[3], draws[4], draws[5]);
        two.SineFrequencies.Should().Equal(one.SineFrequencies);
        two.SinePhases.Should().Equal(one.SinePhases);
        two.Weights[0].Should().NotEqual(one.Weights[0]);
        perSeed.Weights[0].Should().Equal(one.Weights[0]);
        perSeed.Weights[1].Should().Equal(one.Weights[1]);
        perSeed.SineFrequencies.Should().NotEqual(one.SineFrequencies);
    }

    /// <summary>y = z + Σ_k sin(α_k z + β_k) with z = w_tᵀx, from the given constants.</summary>
    private static double Target(SyntheticRegressionData data, int t, int i, IReadOnlyList<double> alphas, IReadOnlyList<double> betas)
    {
        double z = 0;
        for (int j = 0; j < data.Features.GetLength(1); j++)
        {
            z += data.Weights[t][j] * data.Features[i, j];
        }

        return z + alphas.Zip(betas, (a, b) => Math.Sin((a * z) + b)).Sum();
    }

    /// <summary>The noise-free target of task <paramref name="t"/> for row <paramref name="i"/> by the paper's formula: z + Σ_{k=1..10} sin(α_k z + β_k), z = w_tᵀx, α_k = k, β_k = (k − 1)².</summary>
    private static double PaperTarget(SyntheticRegressionData data, int t, int i)
        => Target(data, t, i, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0, 1, 4, 9, 16, 25, 36, 49, 64, 81]);

    private static double Dot(double[] a, double[] b) => a.Zip(b, (x, y) => x * y).Sum();

    private static double Norm(double[] a) => Math.Sqrt(Dot(a, a));
}
