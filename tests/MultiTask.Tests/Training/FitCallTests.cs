using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;

namespace MultiTask.Tests.Training;

/// <summary>Every natural way of calling <c>Fit</c> compiles (this file is the compile check) and does what it says.</summary>
[Collection(TorchCollection.Name)]
public sealed class FitCallTests
{
    [Fact]
    public void Fit_WithBareNullArguments_TrainsWithoutValidation()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(40, seed: 1);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [4]), seed: 1);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2 });

        var history = trainer.Fit(data, null, null);
        var more = trainer.Fit(data, null, null, CancellationToken.None);

        history.Epochs.Select(e => e.Epoch).Should().Equal(1, 2);
        more.Epochs.Select(e => e.Epoch).Should().Equal(3, 4);
        history.Epochs.Concat(more.Epochs).Should().OnlyContain(e => e.ValidationLoss == null);
    }

    [Fact]
    public void Fit_TrainingRowsWithoutAnyLabel_AreRejected_NamingTheDatasetAndTasks()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(20, seed: 4);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        var unlabelled = data.WithoutLabels(Enumerable.Range(0, 20).ToArray(), tasks.Select(t => t.Name).ToArray());
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [4]), seed: 4);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 1 });

        var act = () => trainer.Fit(unlabelled);

        act.Should().Throw<ArgumentException>().WithMessage("*train*training rows have no label for any task*'value'*'sign'*'band'*20 rows*");
        trainer.EpochsCompleted.Should().Be(0);
    }

    [Fact]
    public void Fit_PerTaskDatasetWithoutALabelForItsTask_IsRejected_NamingTheTask()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(20, seed: 5);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        var noSign = data.WithoutLabels(Enumerable.Range(0, 20).ToArray(), ["sign"]);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [4]), seed: 5);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 1 });
        var perTask = new Dictionary<string, MultiTaskDataset> { ["value"] = data, ["sign"] = noSign, ["band"] = data };

        var act = () => trainer.Fit(perTask);

        act.Should().Throw<ArgumentException>().WithMessage("*train[\"sign\"]*no label for task 'sign'*20 rows*");
        trainer.EpochsCompleted.Should().Be(0);
    }

    [Fact]
    public void Fit_ReportsToAnIProgressThroughItsReportMethod()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(40, seed: 2);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [4]), seed: 2);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 3 });
        var progress = new RecordingProgress();

        var history = trainer.Fit(data, data, progress.Report);

        progress.Seen.Should().Equal(history.Epochs);
        progress.Seen.Select(e => e.Epoch).Should().Equal(1, 2, 3);
    }

    [Fact]
    public void Fit_PerTaskDatasets_WithNamedCallbackAndCancelledToken_StopsBeforeTheFirstStep()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(40, seed: 3);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [4]), seed: 3);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2 });
        var perTask = tasks.ToDictionary(t => t.Name, _ => data);
        var seen = new List<EpochRecord>();
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        var act = () => trainer.Fit(perTask, onEpoch: seen.Add, cancellationToken: cancelled.Token);

        act.Should().Throw<OperationCanceledException>();
        seen.Should().BeEmpty();
        trainer.EpochsCompleted.Should().Be(0);
    }

    private sealed class RecordingProgress : IProgress<EpochRecord>
    {
        public List<EpochRecord> Seen { get; } = [];

        public void Report(EpochRecord value) => Seen.Add(value);
    }
}
