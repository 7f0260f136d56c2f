using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Tests.Weighting;
using MultiTask.Training;

namespace MultiTask.Tests.Training;

/// <summary>Early stopping and best weights on a chosen monitor, the reported objective, and callbacks that stop training.</summary>
[Collection(TorchCollection.Name)]
public sealed class TrainingControlTests
{
    [Fact]
    public void Fit_MonitoringATasksMetric_StopsAndRestoresAsThatMetricsSequenceDictates()
    {
        using var train = WeightingContractTests.ThreeTaskData(120);
        using var validation = Validation(60, seed: 21);
        using var model = Model(train);
        var options = new TrainerOptions
        {
            Epochs = 30, BatchSize = 20, LearningRate = 0.05, Seed = 3, EarlyStoppingPatience = 2,
            Monitor = new ValidationMonitor { Metric = MetricNames.Accuracy, Task = "band" },
        };
        using var trainer = new MultiTaskTrainer(model, options);
        var observer = new Observer(validation, e => e["band"][MetricNames.Accuracy]);
        trainer.Callbacks.Add(observer);

        var history = trainer.Fit(train, validation);

        // The outcome derived from the observed sequence by the rule "improves when higher than the best; stop after
        // 2 epochs without improvement".
        var (bestEpoch, stopEpoch) = Derive(observer.Values, higherIsBetter: true, patience: 2, lastEpoch: 30);
        (bestEpoch, stopEpoch).Should().Match<(int Best, int Stop)>(p => p.Best < p.Stop && p.Stop < 30, "the scenario stops early and restores an earlier epoch");
        history.Epochs.Select(e => e.MonitoredValue!.Value).Should().Equal(observer.Values);
        history.BestEpoch.Should().Be(bestEpoch);
        history.Epochs.Should().HaveCount(stopEpoch);
        history.StoppedEarly.Should().Be(stopEpoch < 30);
        history.RestoredBestWeights.Should().Be(bestEpoch != stopEpoch);
        CustomMethodTests.Flat(model).Should().Equal(observer.Weights[bestEpoch - 1], "the model holds the weights of the epoch with the best accuracy");
    }

    [Fact]
    public void Fit_MonitoringAMetricsMeanOverTasks_AveragesTheTasksThatReportIt()
    {
        using var train = WeightingContractTests.ThreeTaskData(80);
        using var validation = Validation(40, seed: 21);
        using var model = Model(train);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 3, BatchSize = 20, Monitor = new ValidationMonitor { Metric = MetricNames.Accuracy } });
        var observer = new Observer(validation, e => (e["sign"][MetricNames.Accuracy] + e["band"][MetricNames.Accuracy]) / 2);
        trainer.Callbacks.Add(observer);

        var history = trainer.Fit(train, validation);

        history.Epochs.Select(e => e.MonitoredValue!.Value).Should().Equal(observer.Values, "the regression task reports no accuracy; the two classification tasks' accuracies are averaged");
    }

    [Fact]
    public void Fit_MonitoringATasksLoss_WatchesThatTasksValidationLoss_LowerIsBetter()
    {
        using var train = WeightingContractTests.ThreeTaskData(80);
        using var validation = Validation(40, seed: 21);
        using var model = Model(train);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 6, BatchSize = 20, LearningRate = 0.05, Monitor = new ValidationMonitor { Task = "sign" } });

        var history = trainer.Fit(train, validation);

        var losses = history.Epochs.Select(e => e["sign"].ValidationLoss!.Value).ToArray();
        history.Epochs.Select(e => e.MonitoredValue!.Value).Should().Equal(losses);
        history.BestEpoch.Should().Be(Array.IndexOf(losses, losses.Min()) + 1);
    }

    [Fact]
    public void Fit_ReportedObjective_IsTheUnweightedSumOfTaskLosses_ForALearnedWeighting()
    {
        using var train = WeightingContractTests.ThreeTaskData(80);
        using var validation = Validation(40, seed: 21);
        using var model = Model(train);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2, BatchSize = 20 }, MultiTask.Weighting.Weightings.Uncertainty());

        var last = trainer.Fit(train, validation).Epochs[^1];

        last.TrainLoss.Should().BeApproximately(last.Tasks.Sum(t => t.TrainLoss), 1e-12);
        last.ValidationLoss!.Value.Should().BeApproximately(last.Tasks.Sum(t => t.ValidationLoss!.Value), 1e-12);
    }

    [Fact]
    public void Fit_TaskWithoutValidationLabels_IsLeftOutOfTheObjective_NotDivergence()
    {
        using var train = WeightingContractTests.ThreeTaskData(80);
        var (x, tasks, targets) = Problems.ThreeTasks(40, seed: 21);
        targets[1] = Enumerable.Repeat(TaskSpec.MissingClass, 40).ToArray();
        using var validation = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = Model(train);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2, BatchSize = 20, EarlyStoppingPatience = 1 });

        var last = trainer.Fit(train, validation).Epochs[^1];

        double.IsNaN(last["sign"].ValidationLoss!.Value).Should().BeTrue();
        last.ValidationLoss!.Value.Should().BeApproximately(last["value"].ValidationLoss!.Value + last["band"].ValidationLoss!.Value, 1e-12);
    }

    [Fact]
    public void Fit_MonitorOfATaskWithoutValidationLabels_IsRefusedBeforeTraining()
    {
        using var train = WeightingContractTests.ThreeTaskData(40);
        var (x, tasks, targets) = Problems.ThreeTasks(20, seed: 21);
        targets[2] = Enumerable.Repeat(TaskSpec.MissingClass, 20).ToArray();
        using var validation = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = Model(train);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Monitor = new ValidationMonitor { Metric = MetricNames.MacroF1, Task = "band" } });

        var act = () => trainer.Fit(train, validation);

        act.Should().Throw<ArgumentException>().WithMessage("TrainerOptions.Monitor watches task 'band', but the validation data has no label for it.*");
        trainer.EpochsCompleted.Should().Be(0);
    }

    [Fact]
    public void Monitor_UnknownMetricOrTask_IsRefusedNamingIt()
    {
        using var train = WeightingContractTests.ThreeTaskData(40);
        using var model = Model(train);
        var metric = () => new ValidationMonitor { Metric = "F2" };
        var task = () => new MultiTaskTrainer(model, new TrainerOptions { Monitor = new ValidationMonitor { Task = "colour" } });

        metric.Should().Throw<ArgumentException>().WithMessage("ValidationMonitor.Metric: unknown metric 'F2'.*");
        task.Should().Throw<ArgumentException>().WithMessage("TrainerOptions.Monitor watches task 'colour', which the model does not have; its tasks are 'value', 'sign', 'band'.*");
    }

    [Fact]
    public void StepCallback_RequestingAStop_EndsThatEpochAndRestoresTheBestWeights()
    {
        using var train = WeightingContractTests.ThreeTaskData(120);
        using var validation = Validation(60, seed: 21);
        using var model = Model(train);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 10, BatchSize = 20, LearningRate = 0.05 });
        var observer = new Observer(validation, e => e.Tasks.Sum(t => t.Loss));
        var stopper = new StopAtStep(14);
        trainer.Callbacks.Add(stopper);
        trainer.Callbacks.Add(observer);

        var history = trainer.Fit(train, validation);

        // 6 steps per epoch: step 14 is the third step of epoch 3, which ends there.
        stopper.Steps.Should().Equal(Enumerable.Range(0, 15).Select(i => (long)i));
        history.Epochs.Should().HaveCount(3);
        history.StoppedByCallback.Should().BeTrue();
        history.StoppedEarly.Should().BeTrue();
        trainer.EpochsCompleted.Should().Be(3);
        int best = Array.IndexOf(observer.Values.ToArray(), observer.Values.Min()) + 1;
        history.BestEpoch.Should().Be(best);
        CustomMethodTests.Flat(model).Should().Equal(observer.Weights[best - 1]);
    }

    [Fact]
    public void EpochCallback_RequestingAStop_StopsAfterThatEpoch()
    {
        using var train = WeightingContractTests.ThreeTaskData(40);
        using var model = Model(train);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 10, BatchSize = 20 });
        trainer.Callbacks.Add(new StopAtEpoch(4));

        var history = trainer.Fit(train);

        history.Epochs.Select(e => e.Epoch).Should().Equal(1, 2, 3, 4);
        history.StoppedByCallback.Should().BeTrue();
        trainer.EpochsCompleted.Should().Be(4);
    }

    [Fact]
    public void Fit_WithMetricMonitorScheduleAndCallbacks_LeavesNoTensorBehind()
    {
        using var train = WeightingContractTests.ThreeTaskData(60);
        using var validation = Validation(30, seed: 21);
        using var model = Model(train);
        using var dir = new TempDirectory();
        var options = new TrainerOptions
        {
            Epochs = 3, BatchSize = 20, EarlyStoppingPatience = 5,
            Monitor = new ValidationMonitor { Metric = MetricNames.MacroF1, Task = "band" },
            LearningRateSchedule = new MultiTask.Training.Schedules.ReduceOnPlateau { Patience = 0 },
        };

        Leak.AssertNone(() =>
        {
            using var trainer = new MultiTaskTrainer(model, options);
            trainer.Callbacks.Add(new StopAtEpoch(2));
            trainer.Fit(train, validation);
            trainer.SaveCheckpoint(dir.File("c.mtm"));
            trainer.LoadCheckpoint(dir.File("c.mtm"));
            trainer.Fit(train, validation);
        });
    }

    internal static MultiTaskDataset Validation(int rows, int seed)
    {
        var (x, tasks, targets) = Problems.ThreeTasks(rows, seed);
        return MultiTaskDataset.FromArrays(x, tasks, targets);
    }

    internal static MultiTaskModel Model(MultiTaskDataset data) => MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), seed: 5);

    /// <summary>The best epoch and the last epoch trained, by the early-stopping rule, from a sequence of monitored values.</summary>
    private static (int Best, int Last) Derive(IReadOnlyList<double> values, bool higherIsBetter, int patience, int lastEpoch)
    {
        int best = 1, since = 0;
        for (int e = 2; e <= values.Count; e++)
        {
            bool better = higherIsBetter ? values[e - 1] > values[best - 1] : values[e - 1] < values[best - 1];
            if (better)
            {
                best = e;
                since = 0;
            }
            else if (++since >= patience && e < lastEpoch)
            {
                return (best, e);
            }
        }

        return (best, values.Count);
    }

    /// <summary>After each epoch: the value computed by the caller from the model's own evaluation, and the weights.</summary>
    private sealed class Observer(MultiTaskDataset validation, Func<EvaluationReport, double> value) : TrainingCallback
    {
        public List<double> Values { get; } = [];

        public List<float[]> Weights { get; } = [];

        public override void OnEpoch(EpochContext context)
        {
            var model = context.Trainer.Model;
            Values.Add(value(model.Evaluate(validation)));
            Weights.Add(CustomMethodTests.Flat(model));
        }
    }

    private sealed class StopAtStep(long step) : TrainingCallback
    {
        public List<long> Steps { get; } = [];

        public override void OnStep(StepContext context)
        {
            Steps.Add(context.Step);
            if (context.Step == step)
            {
                context.RequestStop();
            }
        }
    }

    private sealed class StopAtEpoch(int epoch) : TrainingCallback
    {
        public override void OnEpoch(EpochContext context)
        {
            if (context.Record.Epoch == epoch)
            {
                context.RequestStop();
            }
        }
    }
}
