using MultiTask.Data;
using MultiTask.Data.Synthetic;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;

namespace MultiTask.Tests.Weighting;

/// <summary>Every method must actually train: on the quickstart problem it must explain most of the targets' variance.</summary>
[Collection(TorchCollection.Name)]
public sealed class WeightingQualityTests
{
    public static TheoryData<string> Methods => new(WeightingRegistry.Names);

    [Theory]
    [MemberData(nameof(Methods))]
    public void QuickstartProblem_EveryMethodReachesTheStatedValidationLoss(string method)
    {
        // The quickstart's generator (MMoE, 3 tasks, correlation 0.9, 3 sine terms), smaller. Predicting each task's mean
        // would give a validation MSE equal to its variance; every method must get the summed MSE below 40% of that.
        var synthetic = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 900, FeatureCount = 16, TaskCount = 3, Correlation = 0.9, SineTerms = 3, Seed = 42 });
        using var data = synthetic.ToDataset();
        var split = data.TrainTestSplit(0.3, seed: 42);
        double varianceSum = split.Test.Tasks.Sum(t => Variance(split.Test.GetValues(t.Name)));
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(16, [32, 32]), Heads.Mlp([16]), seed: 42);
        var entry = WeightingRegistry.Entry(method);
        var options = new TrainerOptions { Epochs = 25, BatchSize = 32, LearningRate = 3e-3, Seed = 42, GradientSource = entry.Source };
        using var trainer = new MultiTaskTrainer(model, options, entry.Create());

        trainer.Fit(split.Train);

        var report = model.Evaluate(split.Test);
        double mse = report.Tasks.Sum(t => t["MSE"]);
        mse.Should().BeLessThan(0.4 * varianceSum, $"{method} should explain at least 60% of the variance (variance sum {varianceSum:F3})");
    }

    private static double Variance(float[] values)
    {
        double mean = values.Average(v => (double)v);
        return values.Average(v => (v - mean) * (v - mean));
    }
}
