using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Tests.Weighting;
using MultiTask.Training;
using MultiTask.Training.Schedules;

namespace MultiTask.Tests.Training.Schedules;

/// <summary>
/// Learning-rate schedules against PyTorch 1.13's <c>torch.optim.lr_scheduler</c>: the sequences below were printed by
/// tests/reference/lr_schedules_reference.py (base rate 0.1; entry i is the rate after i calls of <c>step()</c>).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class LearningRateScheduleTests
{
    private const double Base = 0.1;

    // PyTorch: StepLR(step_size=3, gamma=0.5).
    private static readonly double[] StepLr = [0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125];

    // PyTorch: ExponentialLR(gamma=0.8).
    private static readonly double[] ExponentialLr = [0.1, 0.08000000000000002, 0.06400000000000002, 0.051200000000000016, 0.04096000000000002, 0.03276800000000001, 0.026214400000000013, 0.02097152000000001];

    // PyTorch: SequentialLR([LinearLR(start_factor=0.1, total_iters=4), CosineAnnealingLR(T_max=8, eta_min=0.001)], milestones=[4]).
    private static readonly double[] CosineWarmup = [0.010000000000000002, 0.03250000000000001, 0.055000000000000014, 0.07750000000000003, 0.1, 0.0962320368593087, 0.0855017856687341, 0.06944282990207196, 0.0505, 0.03155717009792806, 0.0154982143312659, 0.004767963140691306, 0.001];

    // PyTorch: OneCycleLR(max_lr=0.1, total_steps=12, pct_start=0.3, anneal_strategy="cos", cycle_momentum=False).
    private static readonly double[] OneCycleLr = [0.0040000000000000036, 0.0349789654219583, 0.08792851591221287, 0.09944154354509119, 0.09330129698414118, 0.0811745653949763, 0.06473789976951033, 0.046263710266697504, 0.028306099820869922, 0.01334775301888306, 0.0034566987425395223, 4e-07];

    private static readonly double[] PlateauValues = [1.0, 0.95, 0.85, 0.84, 0.83, 0.5, 0.49, 0.48, 0.47, 0.46, 0.45, 0.44];

    // PyTorch: ReduceLROnPlateau(mode="min", factor=0.5, patience=1, threshold=0.1, threshold_mode="rel", cooldown=1, min_lr=0.01), stepped with PlateauValues.
    private static readonly double[] PlateauMinRelative = [0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125];

    // PyTorch: ReduceLROnPlateau(mode="max", factor=0.5, patience=0, threshold=0.05, threshold_mode="abs"), stepped with PlateauValues.
    private static readonly double[] PlateauMaxAbsolute = [0.1, 0.1, 0.05, 0.025, 0.0125, 0.00625, 0.003125, 0.0015625, 0.00078125, 0.000390625, 0.0001953125, 9.765625e-05, 4.8828125e-05];

    public static TheoryData<string> ClosedForms => new("step", "exponential", "cosine", "onecycle");

    [Theory]
    [MemberData(nameof(ClosedForms))]
    public void Rate_MatchesPyTorchsScheduler(string name)
    {
        var (schedule, expected) = ClosedForm(name);

        var rates = Enumerable.Range(0, expected.Length).Select(i => schedule.Rate(Base, i)).ToArray();

        rates.Should().Equal(expected, (a, e) => Math.Abs(a - e) <= 1e-15, $"{name} follows PyTorch's definition");
    }

    [Fact]
    public void CosineWithWarmup_AfterTotalSteps_StaysAtTheMinimum()
    {
        var schedule = new CosineWithWarmup { WarmupSteps = 4, TotalSteps = 12, WarmupStartFactor = 0.1, MinLearningRate = 0.001 };

        schedule.Rate(Base, 20).Should().Be(0.001);
    }

    [Fact]
    public void OneCycle_AfterTotalSteps_StaysAtTheFinalRate()
    {
        new OneCycle { TotalSteps = 12 }.Rate(Base, 30).Should().BeApproximately(Base / 25 / 1e4, 1e-20);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReduceOnPlateau_MatchesPyTorchsReduceLROnPlateau(bool higherIsBetter)
    {
        var schedule = higherIsBetter
            ? new ReduceOnPlateau { Factor = 0.5, Patience = 0, Threshold = 0.05, ThresholdMode = PlateauThreshold.Absolute }
            : new ReduceOnPlateau { Factor = 0.5, Patience = 1, Threshold = 0.1, Cooldown = 1, MinLearningRate = 0.01 };
        var state = PlateauState.Start(Base);
        var rates = new List<double> { state.Rate };

        foreach (var value in PlateauValues.Append(0.0))
        {
            state = schedule.Next(state, value, higherIsBetter);
            rates.Add(state.Rate);
        }

        rates.SkipLast(1).Should().Equal(higherIsBetter ? PlateauMaxAbsolute : PlateauMinRelative);
    }

    [Fact]
    public void Options_OutOfRange_AreRefusedNamingTheProperty()
    {
        var gamma = () => new StepDecay { Gamma = 0 };
        var factor = () => new ReduceOnPlateau { Factor = 1 };
        var start = () => new CosineWithWarmup { WarmupStartFactor = 0 };

        gamma.Should().Throw<ArgumentOutOfRangeException>().WithMessage("StepDecay.Gamma must be finite and > 0; got 0.*");
        factor.Should().Throw<ArgumentOutOfRangeException>().WithMessage("ReduceOnPlateau.Factor must be in (0, 1); got 1.*");
        start.Should().Throw<ArgumentOutOfRangeException>().WithMessage("CosineWithWarmup.WarmupStartFactor must be in (0, 1]; got 0.*");
    }

    [Fact]
    public void Trainer_WarmupNotShorterThanTotal_IsRefusedNamingBoth()
    {
        using var data = WeightingContractTests.ThreeTaskData(40);
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), seed: 1);
        var act = () => new MultiTaskTrainer(model, new TrainerOptions { LearningRateSchedule = new CosineWithWarmup { WarmupSteps = 10, TotalSteps = 10 } });

        act.Should().Throw<ArgumentException>().WithMessage("CosineWithWarmup.WarmupSteps (10) must be less than CosineWithWarmup.TotalSteps (10).*");
    }

    [Fact]
    public void Fit_PerStepSchedule_UsesPyTorchsRateAtEveryStep_AcrossEpochs()
    {
        // 3 epochs of 40 rows in batches of 10: 12 steps, the length of the cycle.
        using var data = WeightingContractTests.ThreeTaskData(40);
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), seed: 1);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 3, BatchSize = 10, LearningRate = Base, LearningRateSchedule = new OneCycle { TotalSteps = 12 } });
        var recorder = new RateRecorder();
        trainer.Callbacks.Add(recorder);

        var history = trainer.Fit(data);

        recorder.Rates.Should().Equal(OneCycleLr, (a, e) => Math.Abs(a - e) <= 1e-15);
        history.Epochs.Select(e => e.LearningRate).Should().Equal(OneCycleLr[3], OneCycleLr[7], OneCycleLr[11]);
    }

    [Fact]
    public void Fit_PerEpochSchedule_ChangesTheRateBetweenEpochsOnly()
    {
        using var data = WeightingContractTests.ThreeTaskData(40);
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), seed: 1);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 10, BatchSize = 20, LearningRate = Base, Optimizer = OptimizerKind.Sgd, LearningRateSchedule = new StepDecay { StepSize = 3, Gamma = 0.5 } });
        var recorder = new RateRecorder();
        trainer.Callbacks.Add(recorder);

        var history = trainer.Fit(data);

        history.Epochs.Select(e => e.LearningRate).Should().Equal(StepLr);
        recorder.Rates.Should().Equal(StepLr.SelectMany(r => new[] { r, r }), "two steps per epoch share the epoch's rate");
    }

    [Fact]
    public void Fit_ReduceOnPlateau_HalvesTheRateAfterEveryEpochThatDoesNotImprove()
    {
        // With an absolute threshold of 1e9 no epoch after the first improves; with patience 0 each later epoch halves
        // the rate for the next: epochs 1 and 2 use 0.1, epoch 3 0.05, epoch 4 0.025 (PyTorch's rule by hand).
        using var data = WeightingContractTests.ThreeTaskData(40);
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), seed: 1);
        var plateau = new ReduceOnPlateau { Factor = 0.5, Patience = 0, Threshold = 1e9, ThresholdMode = PlateauThreshold.Absolute };
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 4, BatchSize = 20, LearningRate = Base, LearningRateSchedule = plateau });

        var history = trainer.Fit(data, data);

        history.Epochs.Select(e => e.LearningRate).Should().Equal(0.1, 0.1, 0.05, 0.025);
    }

    private static (LearningRateSchedule Schedule, double[] Expected) ClosedForm(string name) => name switch
    {
        "step" => (new StepDecay { StepSize = 3, Gamma = 0.5 }, StepLr),
        "exponential" => (new ExponentialDecay { Gamma = 0.8 }, ExponentialLr),
        "cosine" => (new CosineWithWarmup { WarmupSteps = 4, TotalSteps = 12, WarmupStartFactor = 0.1, MinLearningRate = 0.001 }, CosineWarmup),
        _ => (new OneCycle { TotalSteps = 12 }, OneCycleLr),
    };

    private sealed class RateRecorder : TrainingCallback
    {
        public List<double> Rates { get; } = [];

        public override void OnStep(StepContext context) => Rates.Add(context.LearningRate);
    }
}
