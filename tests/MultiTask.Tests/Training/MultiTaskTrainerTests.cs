using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;

namespace MultiTask.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class MultiTaskTrainerTests
{
    [Fact]
    public void Fit_LearnableThreeTaskProblem_ReachesStatedQuality()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(1200, seed: 1);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        var split = data.TrainTestSplit(0.25, seed: 2);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [32, 32]), seed: 3);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 40, BatchSize = 32, LearningRate = 3e-3, Seed = 4 });

        trainer.Fit(split.Train);
        var report = model.Evaluate(split.Test);

        // The regression target's variance is (1.5² + 2² + 0.5²)/3 = 2.17; an MSE below 0.05 means R² above 0.97.
        report["value"][MetricNames.MeanSquaredError].Should().BeLessThan(0.05);
        report["sign"][MetricNames.Accuracy].Should().BeGreaterThan(0.95);
        report["band"][MetricNames.Accuracy].Should().BeGreaterThan(0.9);
    }

    [Fact]
    public void Fit_TaskWithNoLabels_LeavesItsHeadUnchanged()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(200, seed: 5);
        var noLabels = Enumerable.Repeat(TaskSpec.MissingClass, 200).ToArray();
        using var data = MultiTaskDataset.FromArrays(x, tasks, [targets[0], targets[1], noLabels]);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [16]), seed: 6);
        var before = model.TaskParameters("band").Select(p => p.detach().clone()).ToArray();
        var trunkBefore = model.SharedParameters[0].detach().clone();
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 3, BatchSize = 50, WeightDecay = 0 });

        var history = trainer.Fit(data);

        var after = model.TaskParameters("band");
        for (int i = 0; i < before.Length; i++)
        {
            after[i].equal(before[i]).all().item<bool>().Should().BeTrue("a head whose task has no label gets a zero gradient, so Adam never moves it");
        }

        trunkBefore.equal(model.SharedParameters[0]).all().item<bool>().Should().BeFalse("the other tasks still train the trunk");
        history.Epochs[0]["band"].TrainLoss.Should().Be(double.NaN);
        history.Epochs[^1]["value"].TrainLoss.Should().BeLessThan(history.Epochs[0]["value"].TrainLoss);
        foreach (var t in before)
        {
            t.Dispose();
        }

        trunkBefore.Dispose();
    }
}
