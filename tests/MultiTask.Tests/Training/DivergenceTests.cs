using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Tests.Weighting;
using MultiTask.Training;
using MultiTask.Training.Schedules;
using TorchSharp;

namespace MultiTask.Tests.Training;

/// <summary>
/// Divergence leaves a usable model: the last weights that gave a finite loss (or the best ones), never non-finite
/// weights in the model or a checkpoint; optionally recovered from with a lower learning rate.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class DivergenceTests
{
    [Fact]
    public void Fit_UpdateThatMakesWeightsInfinite_IsUndone_AndReported()
    {
        // SGD with lr 1e300: in float32 the first update is ±∞ (or NaN) while the first loss was finite.
        using var data = WeightingContractTests.ThreeTaskData(40);
        using var model = TrainingControlTests.Model(data);
        var initial = CustomMethodTests.Flat(model);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Optimizer = OptimizerKind.Sgd, LearningRate = 1e300, BatchSize = 20 });

        var act = () => trainer.Fit(data);

        act.Should().Throw<TrainingDivergedException>()
            .WithMessage("A parameter became NaN or infinite at epoch 1, step 0 (learning rate 1E+300).*The model holds the last weights that gave a finite training loss.");
        CustomMethodTests.Flat(model).Should().Equal(initial);
    }

    [Fact]
    public void Fit_NonFiniteLossAfterGoodSteps_LeavesTheWeightsBeforeTheDamagingUpdate()
    {
        // Steps 0-2 use lr 0.01; step 3 uses 1e28, which makes the next loss infinite (or the weights themselves). Either
        // way the weights that last gave a finite loss are those after step 2.
        using var data = WeightingContractTests.ThreeTaskData(100);
        using var model = TrainingControlTests.Model(data);
        var schedule = new StepDecay { Interval = ScheduleInterval.Step, StepSize = 3, Gamma = 1e30 };
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Optimizer = OptimizerKind.Sgd, Momentum = 0, LearningRate = 0.01, BatchSize = 20, LearningRateSchedule = schedule });
        var capture = new CaptureAtStep(2);
        trainer.Callbacks.Add(capture);

        var act = () => trainer.Fit(data);

        act.Should().Throw<TrainingDivergedException>().WithMessage("*The model holds the last weights that gave a finite training loss.");
        CustomMethodTests.Flat(model).Should().Equal(capture.Weights);
        CustomMethodTests.Flat(model).Should().OnlyContain(w => float.IsFinite(w));
    }

    [Fact]
    public void Fit_DivergenceWithBestWeightRestore_LeavesTheBestEpochsWeights()
    {
        // Epochs 1-3 at lr 0.05, epoch 4 at 5e28: it diverges; the model must hold the best validated epoch's weights.
        using var data = WeightingContractTests.ThreeTaskData(100);
        using var validation = TrainingControlTests.Validation(40, seed: 21);
        using var model = TrainingControlTests.Model(data);
        var schedule = new StepDecay { StepSize = 3, Gamma = 1e30 };
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Optimizer = OptimizerKind.Sgd, Momentum = 0, LearningRate = 0.05, Epochs = 6, BatchSize = 20, LearningRateSchedule = schedule });
        var epochs = new EpochWeights();
        trainer.Callbacks.Add(epochs);

        var act = () => trainer.Fit(data, validation);

        act.Should().Throw<TrainingDivergedException>().WithMessage($"*The model holds the best weights (epoch {epochs.BestEpoch}, validation objective *");
        epochs.Weights.Should().HaveCount(3);
        CustomMethodTests.Flat(model).Should().Equal(epochs.Weights[epochs.BestEpoch - 1]);
    }

    [Fact]
    public void Fit_InfiniteValidationLoss_IsDivergence_NotASkippedTerm()
    {
        // Validation targets of 1e20 give a squared error of 1e40, infinite in float32.
        using var data = WeightingContractTests.ThreeTaskData(40);
        var (x, tasks, targets) = Problems.ThreeTasks(20, seed: 21);
        targets[0] = Enumerable.Repeat(1e20f, 20).ToArray();
        using var validation = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = TrainingControlTests.Model(data);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 3, BatchSize = 20 });
        var capture = new CaptureAtStep(0);
        trainer.Callbacks.Add(capture);

        var act = () => trainer.Fit(data, validation);

        act.Should().Throw<TrainingDivergedException>().WithMessage("Task 'value' has a non-finite validation loss (Infinity) after epoch 1.*");
        CustomMethodTests.Flat(model).Should().Equal(capture.Weights, "the epoch's last update (step 1) is undone");
    }

    [Fact]
    public void Fit_RecoveryPolicy_RetriesTheStepWithTheLowerRate_AsIfTrainedWithItFromTheStart()
    {
        // lr 1e300 diverges at step 0; one recovery multiplies every rate by 1e-303, so training runs at 1e300·1e-303.
        using var data = WeightingContractTests.ThreeTaskData(60);
        double lowered = 1e300 * 1e-303;
        float[] expected;
        using (var reference = TrainingControlTests.Model(data))
        using (var trainer = new MultiTaskTrainer(reference, new TrainerOptions { Optimizer = OptimizerKind.Sgd, LearningRate = lowered, Epochs = 3, BatchSize = 20 }))
        {
            trainer.Fit(data);
            expected = CustomMethodTests.Flat(reference);
        }

        using var model = TrainingControlTests.Model(data);
        using var recovering = new MultiTaskTrainer(model, new TrainerOptions { Optimizer = OptimizerKind.Sgd, LearningRate = 1e300, Epochs = 3, BatchSize = 20, DivergenceRetries = 1, DivergenceLearningRateFactor = 1e-303 });

        var history = recovering.Fit(data);

        history.Epochs.Select(e => e.LearningRate).Should().Equal(lowered, lowered, lowered);
        CustomMethodTests.Flat(model).Should().Equal(expected);
    }

    [Fact]
    public void Fit_RecoveryPolicy_IsBounded()
    {
        using var data = WeightingContractTests.ThreeTaskData(40);
        using var model = TrainingControlTests.Model(data);
        var initial = CustomMethodTests.Flat(model);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Optimizer = OptimizerKind.Sgd, LearningRate = 1e300, BatchSize = 20, DivergenceRetries = 2, DivergenceLearningRateFactor = 0.5 });

        var act = () => trainer.Fit(data);

        act.Should().Throw<TrainingDivergedException>().WithMessage("*step 0 (learning rate 2.5E+299)*", "two halvings were tried, then the third failure is reported");
        CustomMethodTests.Flat(model).Should().Equal(initial);
    }

    [Fact]
    public void SaveCheckpoint_WithANonFiniteWeight_WritesNothing_AndNamesTheWeight()
    {
        using var data = WeightingContractTests.ThreeTaskData(40);
        using var model = TrainingControlTests.Model(data);
        using var trainer = new MultiTaskTrainer(model);
        using var dir = new TempDirectory();
        var path = dir.File("broken.mtm");
        using (torch.no_grad())
        {
            var (name, weight) = model.Network.named_parameters().First();
            weight.fill_(float.NaN);
        }

        var act = () => trainer.SaveCheckpoint(path);

        act.Should().Throw<InvalidOperationException>().WithMessage($"Weight '{model.Network.named_parameters().First().name}' is NaN or infinite; the checkpoint '{path}' was not written.");
        File.Exists(path).Should().BeFalse();
    }

    [Fact]
    public void Fit_Diverging_LeavesNoTensorBehind()
    {
        using var data = WeightingContractTests.ThreeTaskData(60);
        using var validation = TrainingControlTests.Validation(20, seed: 21);
        using var model = TrainingControlTests.Model(data);
        var options = new TrainerOptions { Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, Epochs = 5, BatchSize = 20, DivergenceRetries = 1, LearningRateSchedule = new StepDecay { StepSize = 2, Gamma = 1e30 } };

        Leak.AssertNone(() =>
        {
            using var trainer = new MultiTaskTrainer(model, options);
            var act = () => trainer.Fit(data, validation);
            act.Should().Throw<TrainingDivergedException>();
        });
    }

    private sealed class CaptureAtStep(long step) : TrainingCallback
    {
        public float[] Weights { get; private set; } = [];

        public override void OnStep(StepContext context)
        {
            if (context.Step == step)
            {
                Weights = CustomMethodTests.Flat(context.Trainer.Model);
            }
        }
    }

    private sealed class EpochWeights : TrainingCallback
    {
        public List<float[]> Weights { get; } = [];

        public int BestEpoch { get; private set; }

        public override void OnEpoch(EpochContext context)
        {
            Weights.Add(CustomMethodTests.Flat(context.Trainer.Model));
            BestEpoch = context.BestEpoch ?? 0;
        }
    }
}
