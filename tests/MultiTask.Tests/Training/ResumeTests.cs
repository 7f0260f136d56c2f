using System.Text.Json.Nodes;
using MultiTask.Evaluation;
using MultiTask.Serialization;
using MultiTask.Tests.TestUtilities;
using MultiTask.Tests.Weighting;
using MultiTask.Training;
using MultiTask.Training.Schedules;
using MultiTask.Weighting;

namespace MultiTask.Tests.Training;

/// <summary>
/// Exact resume: a run interrupted after any epoch (a checkpoint saved from the epoch callback, then the process gone)
/// and resumed from that checkpoint ends with bit-identical weights and the same epoch records as an uninterrupted run,
/// with validation, best-weight restore, early stopping and a schedule.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ResumeTests
{
    private const int Epochs = 9;

    public static TheoryData<string> Configurations => new("plateau-on-metric", "cosine-per-step", "step-decay-on-loss");

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Resume_AtEveryInterruptionPoint_GivesTheUninterruptedRunsWeightsBitForBit(string configuration)
    {
        using var train = WeightingContractTests.ThreeTaskData(100);
        using var validation = TrainingControlTests.Validation(50, seed: 21);
        using var dir = new TempDirectory();

        float[] straight;
        EpochRecord[] straightEpochs;
        TrainingHistory history;
        using (var model = TrainingControlTests.Model(train))
        using (var trainer = Trainer(model, configuration, Epochs))
        {
            history = trainer.Fit(train, validation);
            straight = CustomMethodTests.Flat(model);
            straightEpochs = [.. history.Epochs];
        }

        int last = straightEpochs.Length;
        int best = history.BestEpoch!.Value;
        history.RestoredBestWeights.Should().BeTrue("the scenario ends on weights from before the last epoch, so the snapshot matters");
        var points = new[] { 1, best - 1, best, best + 1, last - 1 }.Where(k => k >= 1 && k < last).Distinct().ToArray();
        points.Should().Contain(k => k < best).And.Contain(k => k >= best);

        foreach (int k in points)
        {
            var path = dir.File($"after-{k}.mtm");
            using (var model = TrainingControlTests.Model(train))
            using (var trainer = Trainer(model, configuration, Epochs))
            {
                trainer.Callbacks.Add(new SaveAndStop(k, path));
                trainer.Fit(train, validation);
            }

            using var resumedModel = TrainingControlTests.Model(train);
            using (var resumed = Trainer(resumedModel, configuration, Epochs - k))
            {
                resumed.LoadCheckpoint(path);
                var rest = resumed.Fit(train, validation);

                rest.Epochs.Select(Key).Should().Equal(straightEpochs.Skip(k).Select(Key), $"epochs after an interruption at {k} are the same");
                rest.BestEpoch.Should().Be(best);
            }

            CustomMethodTests.Flat(resumedModel).Should().Equal(straight, $"resumed after epoch {k} ({configuration}; best epoch {best}, last {last})");
        }
    }

    [Fact]
    public void Checkpoint_CarriesTheBestWeightsAndEarlyStoppingState()
    {
        using var train = WeightingContractTests.ThreeTaskData(100);
        using var validation = TrainingControlTests.Validation(50, seed: 21);
        using var dir = new TempDirectory();
        var path = dir.File("run.mtm");
        using var model = TrainingControlTests.Model(train);
        using var trainer = Trainer(model, "plateau-on-metric", 5);
        trainer.Callbacks.Add(new SaveAndStop(5, path));

        var history = trainer.Fit(train, validation);

        var (description, blobs) = ModelFile.Read(path);
        var control = description["checkpoint"]!["control"]!;
        blobs.Should().HaveCount(3, "weights, optimiser state and the best epoch's weights");
        control["bestEpoch"]!.GetValue<int>().Should().Be(history.BestEpoch!.Value);
        control["bestValue"]!.GetValue<double>().Should().Be(history.Epochs[history.BestEpoch!.Value - 1].MonitoredValue!.Value);
        control["sinceBest"]!.GetValue<int>().Should().Be(5 - history.BestEpoch!.Value);
        blobs[2].Should().Equal(model.CaptureWeights().StateDict, "after the run the model holds the best weights, which the checkpoint kept");
    }

    [Theory]
    [InlineData("sinceBest", -1, "Model file '*' has an invalid description: 'checkpoint.control.sinceBest' is -1; it must be in [0, 100000000].")]
    [InlineData("recoveryScale", 2.0, "Model file '*' has an invalid description: 'checkpoint.control.recoveryScale' is 2; it must be a finite number in [0, 1].")]
    [InlineData("hasBestWeights", false, "Model file '*' has an invalid description: 'checkpoint.control.hasBestWeights' is false but the file holds 3 data blobs (a best-weights blob).")]
    public void Checkpoint_WithADamagedControlField_IsRefusedNamingTheField_AndNothingIsRestored(string field, object value, string message)
    {
        using var train = WeightingContractTests.ThreeTaskData(60);
        using var validation = TrainingControlTests.Validation(30, seed: 21);
        using var dir = new TempDirectory();
        var path = dir.File("run.mtm");
        using (var model = TrainingControlTests.Model(train))
        using (var trainer = Trainer(model, "plateau-on-metric", 2))
        {
            trainer.Fit(train, validation);
            trainer.SaveCheckpoint(path);
        }

        var (description, blobs) = ModelFile.Read(path);
        description["checkpoint"]!["control"]![field] = value switch
        {
            bool b => JsonValue.Create(b),
            int i => JsonValue.Create(i),
            _ => JsonValue.Create((double)value),
        };
        ModelFile.Write(path, description, blobs);
        using var other = TrainingControlTests.Model(train);
        using var resumed = Trainer(other, "plateau-on-metric", 2);

        var act = () => resumed.LoadCheckpoint(path);

        act.Should().Throw<ModelFileException>().WithMessage(message);
        resumed.EpochsCompleted.Should().Be(0);
    }

    private static (int, double, double?, double, double?) Key(EpochRecord e) => (e.Epoch, e.TrainLoss, e.ValidationLoss, e.LearningRate, e.MonitoredValue);

    private static MultiTaskTrainer Trainer(MultiTask.MultiTaskModel model, string configuration, int epochs)
    {
        var options = configuration switch
        {
            "plateau-on-metric" => new TrainerOptions
            {
                Optimizer = OptimizerKind.AdamW, WeightDecay = 0.01, LearningRate = 0.05, EarlyStoppingPatience = 3,
                Monitor = new ValidationMonitor { Metric = MetricNames.Accuracy, Task = "band" },
                LearningRateSchedule = new ReduceOnPlateau { Patience = 0, Factor = 0.5 },
            },
            "cosine-per-step" => new TrainerOptions
            {
                LearningRate = 0.5, EarlyStoppingPatience = 4,
                LearningRateSchedule = new CosineWithWarmup { WarmupSteps = 5, TotalSteps = 200 },
            },
            _ => new TrainerOptions
            {
                Optimizer = OptimizerKind.Sgd, LearningRate = 0.8, Monitor = new ValidationMonitor { Task = "value" },
                LearningRateSchedule = new StepDecay { StepSize = 4, Gamma = 0.5 },
            },
        };
        options = new TrainerOptions
        {
            Optimizer = options.Optimizer, WeightDecay = options.WeightDecay, LearningRate = options.LearningRate,
            EarlyStoppingPatience = options.EarlyStoppingPatience, Monitor = options.Monitor, LearningRateSchedule = options.LearningRateSchedule,
            Epochs = epochs, BatchSize = 20, Seed = 7,
        };
        return new MultiTaskTrainer(model, options, configuration == "cosine-per-step" ? Weightings.Uncertainty() : null);
    }

    private sealed class SaveAndStop(int epoch, string path) : TrainingCallback
    {
        public override void OnEpoch(EpochContext context)
        {
            if (context.Record.Epoch == epoch)
            {
                context.Trainer.SaveCheckpoint(path);
                context.RequestStop();
            }
        }
    }
}
