using MultiTask.Models;
using MultiTask.Training;
using MultiTask.Weighting;

namespace MultiTask.Tests.Training;

/// <summary>Every setting is checked when it is set; the message names the setting, its range and the value.</summary>
[Collection(TestUtilities.TorchCollection.Name)]
public sealed class TrainerOptionsTests
{
    public static TheoryData<string, Func<TrainerOptions>, string> OutOfRange => new()
    {
        { nameof(TrainerOptions.LearningRate), () => new TrainerOptions { LearningRate = 0 }, "TrainerOptions.LearningRate must be finite and > 0; got 0." },
        { nameof(TrainerOptions.LearningRate), () => new TrainerOptions { LearningRate = double.NaN }, "TrainerOptions.LearningRate must be finite and > 0; got NaN." },
        { nameof(TrainerOptions.WeightDecay), () => new TrainerOptions { WeightDecay = -0.5 }, "TrainerOptions.WeightDecay must be finite and ≥ 0; got -0.5." },
        { nameof(TrainerOptions.Momentum), () => new TrainerOptions { Momentum = 1.0 }, "TrainerOptions.Momentum must be in [0, 1); got 1." },
        { nameof(TrainerOptions.Epochs), () => new TrainerOptions { Epochs = 0 }, "TrainerOptions.Epochs must be ≥ 1; got 0." },
        { nameof(TrainerOptions.BatchSize), () => new TrainerOptions { BatchSize = -3 }, "TrainerOptions.BatchSize must be ≥ 1; got -3." },
        { nameof(TrainerOptions.MaxGradientNorm), () => new TrainerOptions { MaxGradientNorm = 0 }, "TrainerOptions.MaxGradientNorm must be finite and > 0, or null; got 0." },
        { nameof(TrainerOptions.EarlyStoppingPatience), () => new TrainerOptions { EarlyStoppingPatience = 0 }, "TrainerOptions.EarlyStoppingPatience must be ≥ 1, or null; got 0." },
        { nameof(TrainerOptions.EarlyStoppingMinDelta), () => new TrainerOptions { EarlyStoppingMinDelta = -1e-3 }, "TrainerOptions.EarlyStoppingMinDelta must be finite and ≥ 0; got -0.001." },
        { nameof(TrainerOptions.Threads), () => new TrainerOptions { Threads = 0 }, "TrainerOptions.Threads must be ≥ 1, or null; got 0." },
        { "TaskWeights['b']", () => new TrainerOptions { TaskWeights = new Dictionary<string, double> { ["a"] = 1, ["b"] = -1 } }, "TrainerOptions.TaskWeights['b'] must be finite and ≥ 0; got -1." },
        { nameof(TrainerOptions.Optimizer), () => new TrainerOptions { Optimizer = (OptimizerKind)7 }, "TrainerOptions.Optimizer must be one of Adam, AdamW, Sgd; got 7." },
        { nameof(TrainerOptions.GradientSource), () => new TrainerOptions { GradientSource = (GradientSource)(-1) }, "TrainerOptions.GradientSource must be one of SharedParameters, Representation; got -1." },
        { nameof(TrainerOptions.HeadGradients), () => new TrainerOptions { HeadGradients = (HeadGradientMode)9 }, "TrainerOptions.HeadGradients must be one of *; got 9." },
        { nameof(TrainerOptions.GradientDiagnostics), () => new TrainerOptions { GradientDiagnostics = (GradientDiagnostics)9 }, "TrainerOptions.GradientDiagnostics must be one of None, PerEpoch, PerStep; got 9." },
        { nameof(TrainerOptions.Schedule), () => new TrainerOptions { Schedule = (TaskSchedule)9 }, "TrainerOptions.Schedule must be one of *; got 9." },
        { nameof(TrainerOptions.Sampling), () => new TrainerOptions { Sampling = (TaskSampling)9 }, "TrainerOptions.Sampling must be one of *; got 9." },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void OutOfRangeSetting_ThrowsWhenSet_NamingSettingRangeAndValue(string setting, Func<TrainerOptions> create, string message)
    {
        var error = create.Should().Throw<ArgumentOutOfRangeException>().Which;
        error.ParamName.Should().Be(setting);
        error.Message.Should().Match(message + "*");
    }

    [Fact]
    public void TaskWeights_AreCopied_SoLaterChangesToTheCallersDictionaryDoNotBypassTheCheck()
    {
        var weights = new Dictionary<string, double> { ["a"] = 2 };
        var options = new TrainerOptions { TaskWeights = weights };
        weights["a"] = -1;

        options.TaskWeights!["a"].Should().Be(2);
    }

    [Fact]
    public void BoundaryValues_AreAccepted()
    {
        var options = new TrainerOptions { Momentum = 0, WeightDecay = 0, Epochs = 1, BatchSize = 1, EarlyStoppingPatience = 1, Threads = 1, MaxGradientNorm = 1e-9 };

        (options.Momentum, options.WeightDecay, options.Epochs, options.BatchSize, options.EarlyStoppingPatience, options.Threads, options.MaxGradientNorm)
            .Should().Be((0.0, 0.0, 1, 1, 1, 1, 1e-9));
    }

    [Fact]
    public void TaskWeightsWithAWeightingMethod_IsRejectedByTheTrainer_NamingBoth()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("a"), TaskSpec.Regression("b")], Trunks.Mlp(2, [4]), seed: 1);
        var act = () => new MultiTaskTrainer(model, new TrainerOptions { TaskWeights = new Dictionary<string, double> { ["a"] = 2 } }, Weightings.Uncertainty());

        act.Should().Throw<ArgumentException>().WithMessage("TrainerOptions.TaskWeights set static weights, but a weighting method (*) was also given*").Which.ParamName.Should().Be("weighting");
    }
}
