using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Weighting;

namespace MultiTask.Tests.Weighting;

/// <summary>
/// Two tasks whose gradients conflict on a narrow (4-unit) trunk, one with 10× the scale of the other: under equal
/// weighting the large task drowns the small one. Gradient methods must reduce either the measured conflict (mean
/// gradient cosine over training) or the worse task's relative loss (MSE / mean square of its targets).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ConflictTests
{
    [Theory]
    [InlineData("PCGrad", 1)]
    [InlineData("PCGrad", 2)]
    [InlineData("CAGrad", 1)]
    [InlineData("CAGrad", 2)]
    [InlineData("Nash-MTL", 1)]
    [InlineData("Nash-MTL", 2)]
    [InlineData("UPGrad", 1)]
    [InlineData("UPGrad", 2)]
    public void GradientMethod_LowersTheWorseTasksLossBelowEqualWeighting(string method, int seed)
    {
        var equal = Run(Weightings.Equal(), seed);
        var balanced = Run(WeightingRegistry.Create(method), seed);

        balanced.WorseRelativeLoss.Should().BeLessThan(0.9 * equal.WorseRelativeLoss, $"{method} should serve the drowned task better than EW");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Mgda_RemovesTheGradientConflictOfEqualWeighting(int seed)
    {
        var equal = Run(Weightings.Equal(), seed);
        var mgda = Run(Weightings.Mgda(), seed);

        equal.MeanCosine.Should().BeLessThan(-0.1, "the tasks conflict under equal weighting");
        mgda.MeanCosine.Should().BeGreaterThan(equal.MeanCosine + 0.1, "MGDA steers towards a common descent direction");
    }

    private static (double WorseRelativeLoss, double MeanCosine) Run(WeightingMethod method, int seed)
    {
        var random = new Random(1);
        const int rows = 600;
        var x = new float[rows, 6];
        var big = new float[rows];
        var small = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < 6; j++)
            {
                x[i, j] = (float)((random.NextDouble() * 2) - 1);
            }

            big[i] = 10f * (x[i, 0] + x[i, 1]);
            small[i] = x[i, 0] - x[i, 1] + x[i, 2];
        }

        TaskSpec[] tasks = [TaskSpec.Regression("big"), TaskSpec.Regression("small")];
        using var data = MultiTaskDataset.FromArrays(x, tasks, [big, small]);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(6, [4], Activation.Tanh), Heads.Linear(), seed: seed);
        var options = new TrainerOptions { Epochs = 10, BatchSize = 30, LearningRate = 1e-2, Seed = seed, GradientDiagnostics = GradientDiagnostics.PerEpoch };
        using var trainer = new MultiTaskTrainer(model, options, method);

        var history = trainer.Fit(data);

        var report = model.Evaluate(data);
        double relativeBig = report["big"]["MSE"] / big.Average(v => (double)v * v);
        double relativeSmall = report["small"]["MSE"] / small.Average(v => (double)v * v);
        return (Math.Max(relativeBig, relativeSmall), history.Epochs.Average(e => e.GradientCosines![0][1]));
    }
}
