using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class TrainerBehaviourTests
{
    [Fact]
    public void Fit_SameSeedAndThreads_GivesBitIdenticalWeights_OtherSeedDoesNot()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(300, seed: 1);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);

        var first = TrainedWeights(data, seed: 11);
        var second = TrainedWeights(data, seed: 11);
        var other = TrainedWeights(data, seed: 12);

        second.Should().Equal(first);
        other.Should().NotEqual(first);
    }

    [Fact]
    public void Fit_ZeroTaskWeight_LeavesThatHeadUnchanged_AndTheReportedObjectiveIsTheUnweightedSum()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(200, seed: 2);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), seed: 3);
        var head = model.TaskParameters("sign").Select(p => p.detach().clone().DetachFromDisposeScope()).ToArray();
        var weights = new Dictionary<string, double> { ["value"] = 2.0, ["sign"] = 0.0 };
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2, BatchSize = 40, TaskWeights = weights });

        var history = trainer.Fit(data);

        model.TaskParameters("sign").Zip(head).All(p => p.First.equal(p.Second).all().item<bool>()).Should().BeTrue();
        var last = history.Epochs[^1];
        last["value"].Weight.Should().Be(2.0);
        last["band"].Weight.Should().Be(1.0);
        last.TrainLoss.Should().BeApproximately(last["value"].TrainLoss + last["sign"].TrainLoss + last["band"].TrainLoss, 1e-12, "the reported objective is Σₜ Lₜ for every weighting method; task weights are not applied");
        trainer.Weighting.Should().BeOfType<MultiTask.Weighting.StaticWeighting>().Which.Weights.Should().Equal(2.0, 0.0, 1.0);
        foreach (var t in head)
        {
            t.Dispose();
        }
    }

    [Fact]
    public void Fit_EarlyStopping_StopsAfterPatienceAndRestoresTheBestEpoch()
    {
        // Pure-noise targets: a wide network memorises the training rows, so validation loss soon rises.
        var random = new Random(4);
        var x = Problems.Features(120, 6, seed: 5);
        var noise = Enumerable.Range(0, 120).Select(_ => (float)((random.NextDouble() * 2) - 1)).ToArray();
        using var data = MultiTaskDataset.FromArrays(x, [TaskSpec.Regression("noise")], [noise]);
        var split = data.TrainTestSplit(0.5, seed: 6);
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(6, [128, 128]), seed: 7);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 300, BatchSize = 20, LearningRate = 1e-2, EarlyStoppingPatience = 3 });

        var history = trainer.Fit(split.Train, split.Test);

        var losses = history.Epochs.Select(e => e.ValidationLoss!.Value).ToArray();
        int best = Array.IndexOf(losses, losses.Min()) + 1;
        history.StoppedEarly.Should().BeTrue();
        history.BestEpoch.Should().Be(best);
        history.Epochs.Should().HaveCount(best + 3);
        history.RestoredBestWeights.Should().BeTrue();
        model.Evaluate(split.Test)["noise"].Loss.Should().BeApproximately(losses[best - 1], 1e-5, "the restored weights are the best epoch's");
    }

    [Fact]
    public void Fit_GradientClipping_BoundsTheUpdateNorm()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(64, seed: 8);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), seed: 9);
        var before = model.Network.parameters().Select(p => p.detach().clone().DetachFromDisposeScope()).ToArray();
        var options = new TrainerOptions { Optimizer = OptimizerKind.Sgd, Momentum = 0, LearningRate = 1.0, Epochs = 1, BatchSize = 64, MaxGradientNorm = 1e-3 };
        using var trainer = new MultiTaskTrainer(model, options);

        trainer.Fit(data);

        // One SGD step with lr 1 moves the weights by exactly the clipped gradient, whose norm is 1e-3.
        double squared = model.Network.parameters().Zip(before).Sum(p => p.First.sub(p.Second).square().sum().item<float>());
        Math.Sqrt(squared).Should().BeApproximately(1e-3, 1e-6);
        foreach (var t in before)
        {
            t.Dispose();
        }
    }

    [Fact]
    public void Fit_NonFiniteLoss_StopsBeforeTheStepAndNamesTheTask()
    {
        var x = Problems.Features(10, 2, seed: 1);
        var huge = Enumerable.Repeat(1e30f, 10).ToArray(); // finite, but its square overflows float32
        using var data = MultiTaskDataset.FromArrays(x, [TaskSpec.Binary("ok"), TaskSpec.Regression("huge")], [new int[10], huge]);
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(2, [4]), seed: 1);
        var before = model.SharedParameters[0].detach().clone().DetachFromDisposeScope();
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 1, BatchSize = 5 });

        var act = () => trainer.Fit(data);

        act.Should().Throw<TrainingDivergedException>().WithMessage("*'huge'*epoch 1, step 0*");
        model.SharedParameters[0].equal(before).all().item<bool>().Should().BeTrue();
        before.Dispose();
    }

    [Fact]
    public void Constructor_WeightForUnknownTask_NamesIt()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Binary("a")], Trunks.Mlp(2, [4]));
        var act = () => new MultiTaskTrainer(model, new TrainerOptions { TaskWeights = new Dictionary<string, double> { ["b"] = 1 } });
        act.Should().Throw<ArgumentException>().WithMessage("*Unknown task 'b'*'a'*");
    }

    [Fact]
    public void Fit_DatasetWithOtherFeatureCount_NamesBothShapes()
    {
        using var data = MultiTaskDataset.FromArrays(Problems.Features(8, 3, 1), [TaskSpec.Binary("a")], [new int[8]]);
        using var model = MultiTaskModel.Create([TaskSpec.Binary("a")], Trunks.Mlp(5, [4]));
        using var trainer = new MultiTaskTrainer(model);
        var act = () => trainer.Fit(data);
        act.Should().Throw<ArgumentException>().WithMessage("*expects 5 features per row*dataset has 3*");
    }

    [Fact]
    public void Fit_DatasetWithATaskTheModelLacks_NamesIt()
    {
        using var data = MultiTaskDataset.FromArrays(Problems.Features(8, 2, 1), [TaskSpec.Binary("a"), TaskSpec.Regression("extra")], [new int[8], new float[8]]);
        using var model = MultiTaskModel.Create([TaskSpec.Binary("a")], Trunks.Mlp(2, [4]));
        using var trainer = new MultiTaskTrainer(model);
        var act = () => trainer.Fit(data);
        act.Should().Throw<ArgumentException>().WithMessage("*task 'extra'*model does not have*");
    }

    [Fact]
    public void Fit_EarlyStoppingWithoutValidation_IsRejected()
    {
        using var data = MultiTaskDataset.FromArrays(Problems.Features(8, 2, 1), [TaskSpec.Binary("a")], [new int[8]]);
        using var model = MultiTaskModel.Create([TaskSpec.Binary("a")], Trunks.Mlp(2, [4]));
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { EarlyStoppingPatience = 2 });
        var act = () => trainer.Fit(data);
        act.Should().Throw<ArgumentException>().WithMessage("*needs a validation dataset*");
    }

    [Fact]
    public void Fit_ReportsEveryEpochInOrder_AndSetsTheThreadCountDuringFit()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(50, seed: 3);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [4]));
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 4, Threads = 1 });
        var seen = new List<EpochRecord>();
        var threadsDuringFit = new List<int>();
        int threadsBefore = torch.get_num_threads();

        var history = trainer.Fit(data, data, e =>
        {
            seen.Add(e);
            threadsDuringFit.Add(torch.get_num_threads());
        });

        seen.Select(e => e.Epoch).Should().Equal(1, 2, 3, 4);
        seen.Should().Equal(history.Epochs);
        seen.Should().OnlyContain(e => e.TotalEpochs == 4 && e.ValidationLoss != null && e.Tasks.Count == 3);
        threadsDuringFit.Should().Equal(1, 1, 1, 1);
        torch.get_num_threads().Should().Be(threadsBefore, "Fit restores the caller's thread count");
    }

    [Fact]
    public void Fit_ManySteps_LeavesNoTensorBehind()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(256, seed: 4);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        var split = data.TrainTestSplit(0.25, seed: 1);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [16], dropout: 0.1, normalization: Normalization.BatchNorm), Heads.Mlp([8]), seed: 5);
        var options = new TrainerOptions { Epochs = 5, BatchSize = 16, MaxGradientNorm = 1.0, EarlyStoppingPatience = 10, Optimizer = OptimizerKind.AdamW, WeightDecay = 0.01 };

        Leak.AssertNone(
            () =>
            {
                using var trainer = new MultiTaskTrainer(model, options);
                trainer.Fit(split.Train, split.Test);
            },
            "across 60 training steps, 5 validations and best-weight snapshots");
    }

    private static float[] TrainedWeights(MultiTaskDataset data, int seed)
    {
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [16], dropout: 0.2), seed: seed);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 3, BatchSize = 32, Seed = seed, Threads = 2 });
        trainer.Fit(data);
        using var scope = NewDisposeScope();
        return torch.cat(model.Network.parameters().Select(p => p.detach().flatten()).ToArray()).data<float>().ToArray();
    }
}
