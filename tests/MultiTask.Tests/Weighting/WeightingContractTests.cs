using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Weighting;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Tests.Weighting;

/// <summary>The contract every weighting method must meet, run over every registered method.</summary>
[Collection(TorchCollection.Name)]
public sealed class WeightingContractTests
{
    public static TheoryData<string> Methods => new(WeightingRegistry.Names);

    [Theory]
    [MemberData(nameof(Methods))]
    public void Fit_FiftySteps_FiniteWeightsOfLengthT_SharedGradientsSet_NoTensorLeak(string method)
    {
        using var data = ThreeTaskData(200);
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [12, 8], dropout: 0.1), Heads.Mlp([4]), seed: 1);
        TrainingHistory? history = null;

        Leak.AssertNone(
            () =>
            {
                using var trainer = new MultiTaskTrainer(model, Options(epochs: 5, method), WeightingRegistry.Create(method));
                history = trainer.Fit(data);
            },
            $"for {method} across 50 steps");

        history!.Steps.Should().HaveCount(50);
        history.Steps.Should().OnlyContain(s => s.Weights.Count == 3 && s.Weights.All(double.IsFinite));
        history.Steps.Should().OnlyContain(s => s.GradientCosines.All(row => row.All(c => c >= -1 - 1e-9 && c <= 1 + 1e-9)));
        foreach (var p in model.SharedParameters)
        {
            using var scope = NewDisposeScope();
            (p.grad?.abs().sum().item<float>() ?? 0f).Should().BeGreaterThan(0f, "every shared parameter receives a gradient");
        }

        history.Epochs[^1].TrainLoss.Should().BeLessThan(history.Epochs[0].TrainLoss * 1.5, "training does not blow up");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Fit_SameSeed_GivesIdenticalWeights(string method)
    {
        using var data = ThreeTaskData(120);
        WeightsAfter(data, method, seed: 3).Should().Equal(WeightsAfter(data, method, seed: 3));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Checkpoint_ResumedTraining_MatchesUninterruptedTraining(string method)
    {
        using var data = ThreeTaskData(120);
        using var dir = new TempDirectory();
        var path = dir.File("run.mtm");

        float[] straight;
        using (var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), seed: 5))
        using (var trainer = new MultiTaskTrainer(model, Options(epochs: 6, method), WeightingRegistry.Create(method)))
        {
            trainer.Fit(data);
            straight = Flat(model);
        }

        using (var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), seed: 5))
        using (var trainer = new MultiTaskTrainer(model, Options(epochs: 3, method), WeightingRegistry.Create(method)))
        {
            trainer.Fit(data);
            trainer.SaveCheckpoint(path);
        }

        using var resumedModel = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), seed: 99);
        using var resumed = new MultiTaskTrainer(resumedModel, Options(epochs: 3, method), WeightingRegistry.Create(method));
        resumed.LoadCheckpoint(path);
        resumed.EpochsCompleted.Should().Be(3);
        var history = resumed.Fit(data);

        history.Epochs.Select(e => e.Epoch).Should().Equal(4, 5, 6);
        Flat(resumedModel).Should().Equal(straight, $"{method} resumes from its saved state exactly");
    }

    internal static MultiTaskDataset ThreeTaskData(int rows)
    {
        var (x, tasks, targets) = Problems.ThreeTasks(rows, seed: 11);
        return MultiTaskDataset.FromArrays(x, tasks, targets);
    }

    private static TrainerOptions Options(int epochs, string method) => new()
    {
        Epochs = epochs,
        GradientSource = WeightingRegistry.SourceOf(method),
        BatchSize = 20,
        LearningRate = 5e-3,
        Seed = 7,
        GradientDiagnostics = GradientDiagnostics.PerStep,
    };

    private static float[] WeightsAfter(MultiTaskDataset data, string method, int seed)
    {
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8], dropout: 0.2), seed: seed);
        using var trainer = new MultiTaskTrainer(model, Options(epochs: 2, method), WeightingRegistry.Create(method));
        trainer.Fit(data);
        return Flat(model);
    }

    private static float[] Flat(MultiTaskModel model)
    {
        using var scope = NewDisposeScope();
        return torch.cat(model.Network.parameters().Select(p => p.detach().flatten()).ToArray()).data<float>().ToArray();
    }
}
