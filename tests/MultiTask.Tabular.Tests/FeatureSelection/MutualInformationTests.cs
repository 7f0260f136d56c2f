using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tests.TestUtilities;
using Xunit.Abstractions;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnFeatureSelectionReference;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>
/// The kNN mutual-information estimators select the same top-k features as scikit-learn 1.2.1. scikit-learn's own
/// top-k depends on its random jitter where the data have ties (wine k = 5, diabetes k = 3 and 5 change with
/// random_state); the reference pins every top-k set scikit-learn produced over random_state 0..29, and ours must be
/// one of them for every seed tried — the only set where scikit-learn is unanimous.
/// </summary>
public sealed class MutualInformationTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> TopKCases => new()
    {
        { "BreastCancer", 3 }, { "BreastCancer", 5 }, { "BreastCancer", 10 },
        { "Wine", 3 }, { "Wine", 5 }, { "Wine", 10 },
        { "Diabetes", 3 }, { "Diabetes", 5 },
        { "EnergyHeating", 3 }, { "EnergyHeating", 5 },
        { "EnergyCooling", 3 }, { "EnergyCooling", 5 },
    };

    [Theory]
    [MemberData(nameof(TopKCases))]
    public void SelectKBest_MutualInformation_SelectsScikitLearnsTopK(string name, int k)
    {
        var sets = (int[][])typeof(R).GetField($"{name}MutualInfoTop{k}Sets")!.GetValue(null)!;
        var counts = (int[])typeof(R).GetField($"{name}MutualInfoTop{k}SetCounts")!.GetValue(null)!;
        var (data, target) = Case(name);
        var function = target.Labels is null ? ScoreFunction.MutualInfoRegression : ScoreFunction.MutualInfoClassification;
        var ours = new List<int[]>();
        for (int seed = 0; seed < 10; seed++)
        {
            var selection = new SelectKBest(new FeatureScorer(function) { Seed = seed }, k).Fit(data, [target]);
            var picked = selection.SelectedIndices();
            sets.Should().ContainEquivalentOf(picked, $"seed {seed} picked [{string.Join(", ", picked)}]");
            ours.Add(picked);
        }

        output.WriteLine($"{name} top-{k}: scikit-learn sets {string.Join(" ", sets.Select((s, i) => $"[{string.Join(",", s)}]×{counts[i]}"))}; ours (seeds 0-9) {string.Join(" ", ours.GroupBy(s => string.Join(",", s)).Select(g => $"[{g.Key}]×{g.Count()}"))}");
    }

    public static TheoryData<string> Datasets => ["BreastCancer", "Wine", "Diabetes", "EnergyHeating", "EnergyCooling"];

    /// <summary>Averaged over seeds, our estimates and scikit-learn's agree within sampling error: the same estimator, different jitter.</summary>
    [Theory]
    [MemberData(nameof(Datasets))]
    public void MeanOverSeeds_AgreesWithScikitLearnWithinSamplingError(string name)
    {
        var expectedMean = (double[])typeof(R).GetField($"{name}MutualInfoMean")!.GetValue(null)!;
        var expectedStd = (double[])typeof(R).GetField($"{name}MutualInfoStd")!.GetValue(null)!;
        var (data, target) = Case(name);
        var function = target.Labels is null ? ScoreFunction.MutualInfoRegression : ScoreFunction.MutualInfoClassification;
        const int Seeds = 20;
        var runs = Enumerable.Range(0, Seeds).Select(s => new FeatureScorer(function) { Seed = s }.Score(data, [target]).Scores).ToArray();
        double worst = 0;
        for (int j = 0; j < expectedMean.Length; j++)
        {
            double mean = runs.Average(r => r[j]);
            double std = Math.Sqrt(runs.Average(r => (r[j] - mean) * (r[j] - mean)));
            double standardError = Math.Sqrt((std * std / Seeds) + (expectedStd[j] * expectedStd[j] / 30));
            double difference = Math.Abs(mean - expectedMean[j]);
            worst = Math.Max(worst, difference);
            difference.Should().BeLessThanOrEqualTo((4 * standardError) + 1e-4, $"feature {j}: ours {mean:F4}, scikit-learn {expectedMean[j]:F4}");
        }

        output.WriteLine($"{name}: largest |mean MI difference| {worst:F4} nats");
    }

    [Fact]
    public void Seed_SameSeedReproduces_OtherSeedChangesTieDependentEstimates()
    {
        var wine = ToyDatasets.Wine();
        var a = ScoreFunctions.MutualInfoClassification(wine.X, wine.Labels(), seed: 7).Scores;
        var b = ScoreFunctions.MutualInfoClassification(wine.X, wine.Labels(), seed: 7).Scores;
        var c = ScoreFunctions.MutualInfoClassification(wine.X, wine.Labels(), seed: 8).Scores;
        a.Should().Equal(b);
        a.Should().NotEqual(c, "the wine data have ties, which the jitter breaks differently");
    }

    /// <summary>For a bivariate normal with correlation ρ the mutual information is −½ ln(1 − ρ²).</summary>
    [Fact]
    public void Regression_BivariateNormal_RecoversTheAnalyticMutualInformation()
    {
        const int N = 4000;
        const double Rho = 0.8;
        var rng = new Random(3);
        var x = new double[N, 2];
        var y = new double[N];
        for (int i = 0; i < N; i++)
        {
            double u = Normal(rng);
            double v = Normal(rng);
            x[i, 0] = u;
            x[i, 1] = v;
            y[i] = (Rho * u) + (Math.Sqrt(1 - (Rho * Rho)) * Normal(rng));
        }

        var mi = ScoreFunctions.MutualInfoRegression(x, y).Scores;
        mi[0].Should().BeApproximately(-0.5 * Math.Log(1 - (Rho * Rho)), 0.03);
        mi[1].Should().BeLessThan(0.02, "v is independent of y");
    }

    [Fact]
    public void Classification_SeparatedClasses_ScoreNearLogOfClassCount()
    {
        // Two equiprobable classes with disjoint supports: MI = ln 2; a feature independent of the class: 0.
        var rng = new Random(5);
        const int N = 2000;
        var x = new double[N, 2];
        var labels = new int[N];
        for (int i = 0; i < N; i++)
        {
            labels[i] = i % 2;
            x[i, 0] = (labels[i] * 10) + rng.NextDouble();
            x[i, 1] = rng.NextDouble();
        }

        var mi = ScoreFunctions.MutualInfoClassification(x, labels).Scores;
        mi[0].Should().BeApproximately(Math.Log(2), 0.01);
        mi[1].Should().BeLessThan(0.02);
    }

    [Fact]
    public void FeatureScorer_UnlabelledRows_AreLeftOutOfTheTask()
    {
        var d = ToyDatasets.Diabetes();
        var values = d.Targets[0].Select((v, i) => i % 4 == 1 ? double.NaN : v).ToArray();
        var rows = Enumerable.Range(0, values.Length).Where(i => i % 4 != 1).ToArray();
        var scores = new FeatureScorer(ScoreFunction.MutualInfoRegression) { Seed = 11 }
            .Score(d.Table(), [SelectionTarget.Regression("progression", values)]).TaskScores[0].Scores;
        var subset = ScoreFunctions.MutualInfoRegression(Rows(d.X, rows), rows.Select(i => values[i]).ToArray(), seed: 11).Scores;
        scores.Should().Equal(subset);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void KdTree_KthChebyshevDistance_EqualsBruteForce_WithTiesAndDuplicates(int k)
    {
        var rng = new Random(k);
        const int N = 700;
        var x = new double[N];
        var y = new double[N];
        for (int i = 0; i < N; i++)
        {
            // Small integer grid: many exact distance ties and duplicate points; some continuous points too.
            x[i] = i % 5 == 0 ? rng.NextDouble() * 10 : rng.Next(10);
            y[i] = i % 7 == 0 ? rng.NextDouble() * 10 : rng.Next(8);
        }

        var result = new double[N];
        new ChebyshevKnn2D().KthNeighbourDistances(x, y, k, result);
        for (int i = 0; i < N; i++)
        {
            var distances = Enumerable.Range(0, N).Where(j => j != i).Select(j => Math.Max(Math.Abs(x[i] - x[j]), Math.Abs(y[i] - y[j]))).Order().ToArray();
            result[i].Should().Be(distances[k - 1], $"point {i}");
        }
    }

    [Fact]
    public void CountWithin_EqualsBruteForce()
    {
        var rng = new Random(9);
        var values = Enumerable.Range(0, 300).Select(_ => (double)rng.Next(40) / 4).ToArray();
        var sorted = values.Order().ToArray();
        foreach (double v in values.Take(60))
        {
            foreach (double r in new[] { 0.0, 0.25, Math.BitDecrement(0.5), 0.5, 3.0 })
            {
                MutualInformation.CountWithin(sorted, v, r).Should().Be(values.Count(s => Math.Abs(s - v) <= r), $"v = {v}, r = {r}");
            }
        }
    }

    internal static (MultiTask.Tabular.TabularData Data, SelectionTarget Target) Case(string name) => name switch
    {
        "BreastCancer" => (ToyDatasets.BreastCancer().Table(), ToyDatasets.BreastCancer().ClassTarget()),
        "Wine" => (ToyDatasets.Wine().Table(), ToyDatasets.Wine().ClassTarget()),
        "Diabetes" => (ToyDatasets.Diabetes().Table(), ToyDatasets.Diabetes().RegressionTarget()),
        "EnergyHeating" => (ToyDatasets.EnergyEfficiency().Table(), ToyDatasets.EnergyEfficiency().RegressionTarget(0)),
        "EnergyCooling" => (ToyDatasets.EnergyEfficiency().Table(), ToyDatasets.EnergyEfficiency().RegressionTarget(1)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    private static double[,] Rows(double[,] x, int[] rows)
    {
        var result = new double[rows.Length, x.GetLength(1)];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < x.GetLength(1); j++)
            {
                result[i, j] = x[rows[i], j];
            }
        }

        return result;
    }

    private static double Normal(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
