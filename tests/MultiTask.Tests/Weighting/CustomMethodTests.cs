using MultiTask.Models;
using MultiTask.Serialization;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Weighting;
using static TorchSharp.torch;

namespace MultiTask.Tests.Weighting;

/// <summary>
/// A method written outside the library, as docs/weighting.md shows: a hyperparameter validated in its init accessor,
/// its run state kept in the <see cref="WeightingState"/> (so checkpoints and shared method objects work unchanged).
/// Weights are proportional to a moving average of each task's loss: aₜ ← Decay·aₜ + (1 − Decay)·Lₜ (aₜ = Lₜ at the
/// first step), wₜ = T·aₜ / Σa.
/// </summary>
internal sealed class LossAverageWeighting : LossWeighting
{
    /// <summary>The weight of the previous average. Range: [0, 1). Default: 0.5.</summary>
    public double Decay { get; init => field = Hyperparameter.Within(value, 0, 1, excludeHigh: true); } = 0.5;

    public override string Name => "LossAverage";

    public override LossCombination Combine(LossWeightingContext context)
    {
        var average = context.State.Vector("average");
        bool first = context.State.Increment("steps") == 1;
        for (int t = 0; t < average.Length; t++)
        {
            average[t] = first ? context.LossValues[t] : (Decay * average[t]) + ((1 - Decay) * context.LossValues[t]);
        }

        return LossCombination.FromWeights(context, average.Select(a => average.Length * a / average.Sum()).ToArray());
    }
}

[Collection(TorchCollection.Name)]
public sealed class CustomMethodTests
{
    [Fact]
    public void Combine_TwoSteps_WeightsFollowTheMovingAverage()
    {
        var method = new LossAverageWeighting();
        using var state = method.CreateState(LossWeightingTests.Setup(2));
        using var scope = NewDisposeScope();

        // Step 1: a = L = [1, 3], w = 2·[1, 3]/4 = [0.5, 1.5]. Step 2: a = ½[1, 3] + ½[3, 1] = [2, 2], w = [1, 1].
        method.Combine(Context([1, 3], state)).Weights.Should().Equal(0.5, 1.5);
        method.Combine(Context([3, 1], state)).Weights.Should().Equal(1.0, 1.0);
        state.Counter("steps").Should().Be(2);
    }

    [Fact]
    public void Decay_OutsideItsRange_IsRejectedByName()
    {
        var act = () => new LossAverageWeighting { Decay = 1 };

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Decay").WithMessage("Decay must be in [0, 1); got 1.*");
    }

    [Fact]
    public void Checkpoint_ResumedTraining_MatchesUninterruptedTraining_AndRefusesAnotherDecay()
    {
        using var data = WeightingContractTests.ThreeTaskData(120);
        using var dir = new TempDirectory();
        var path = dir.File("custom.mtm");
        var method = new LossAverageWeighting { Decay = 0.8 };

        float[] straight;
        using (var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), seed: 5))
        using (var trainer = new MultiTaskTrainer(model, Options(6), method))
        {
            trainer.Fit(data);
            straight = Flat(model);
        }

        using (var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), seed: 5))
        using (var trainer = new MultiTaskTrainer(model, Options(3), method))
        {
            trainer.Fit(data);
            trainer.SaveCheckpoint(path);
        }

        using var resumedModel = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), seed: 99);
        using (var other = new MultiTaskTrainer(resumedModel, Options(3), new LossAverageWeighting { Decay = 0.5 }))
        {
            var refuse = () => other.LoadCheckpoint(path);
            refuse.Should().Throw<ModelFileException>().WithMessage("*LossAverage Decay = 0.8*LossAverage has Decay = 0.5*");
        }

        using var resumed = new MultiTaskTrainer(resumedModel, Options(3), new LossAverageWeighting { Decay = 0.8 });
        resumed.LoadCheckpoint(path);
        resumed.WeightingState.Counter("steps").Should().Be(18, "3 epochs of 6 batches of 20 rows");
        resumed.Fit(data);

        Flat(resumedModel).Should().Equal(straight);
    }

    internal static TrainerOptions Options(int epochs, int seed = 7) => new() { Epochs = epochs, BatchSize = 20, LearningRate = 5e-3, Seed = seed };

    internal static float[] Flat(MultiTaskModel model)
    {
        using var scope = NewDisposeScope();
        return cat(model.Network.parameters().Select(p => p.detach().flatten()).ToArray()).data<float>().ToArray();
    }

    private static LossWeightingContext Context(double[] losses, WeightingState state) => new()
    {
        Losses = tensor(losses.Select(l => (float)l).ToArray()),
        LossValues = losses,
        Epoch = 1,
        Step = 0,
        Random = new Random(0),
        History = new LossHistory(),
        State = state,
    };
}
