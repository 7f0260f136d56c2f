using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Tests.Training;

[Collection(TorchCollection.Name)]
public sealed class ScheduleTests
{
    [Fact]
    public void Alternating_FirstStepTrainsOnlyTheFirstTask()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(8, seed: 1);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [6]), seed: 2);
        var heads = tasks.Select(t => Flat(model.TaskParameters(t.Name))).ToArray();
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 1, BatchSize = 8, Schedule = TaskSchedule.Alternating });

        var history = trainer.Fit(data);

        Flat(model.TaskParameters("value")).Should().NotEqual(heads[0]);
        Flat(model.TaskParameters("sign")).Should().Equal(heads[1]);
        Flat(model.TaskParameters("band")).Should().Equal(heads[2]);
        history.Epochs[0]["sign"].TrainLoss.Should().Be(double.NaN, "no step of this epoch counted the task's labels");
    }

    [Fact]
    public void PerTaskDatasets_TrainEachTaskOnItsOwnRows()
    {
        // Task "value" comes from one source (300 rows), task "sign" from another (90 rows); neither has the other's labels.
        var (xa, _, ta) = Problems.ThreeTasks(300, seed: 3);
        var (xb, _, tb) = Problems.ThreeTasks(90, seed: 4);
        TaskSpec[] tasks = [TaskSpec.Regression("value"), TaskSpec.Binary("sign")];
        using var a = MultiTaskDataset.FromArrays(xa, [tasks[0]], [ta[0]]);
        using var b = MultiTaskDataset.FromArrays(xb, [tasks[1]], [tb[1]]);
        var (xt, _, tt) = Problems.ThreeTasks(200, seed: 5);
        using var test = MultiTaskDataset.FromArrays(xt, tasks, [tt[0], tt[1]]);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [32, 32]), seed: 6);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 40, BatchSize = 30, LearningRate = 3e-3, Sampling = TaskSampling.CycleToLongest });

        var history = trainer.Fit(new Dictionary<string, MultiTaskDataset> { ["value"] = a, ["sign"] = b });

        var report = model.Evaluate(test);
        report["value"][MetricNames.MeanSquaredError].Should().BeLessThan(0.1);
        report["sign"][MetricNames.Accuracy].Should().BeGreaterThan(0.9);
        history.Epochs.Should().HaveCount(40);
    }

    [Fact]
    public void PerTaskValidation_MeasuresEachTaskOnItsOwnDataset()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(60, seed: 7);
        using var all = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var va = all.Subset(Enumerable.Range(0, 20).ToArray());
        using var vb = all.Subset(Enumerable.Range(20, 25).ToArray());
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), seed: 8);
        var sets = tasks.ToDictionary(t => t.Name, _ => all);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2, Sampling = TaskSampling.RoundRobin });

        var history = trainer.Fit(sets, new Dictionary<string, MultiTaskDataset> { ["value"] = va, ["sign"] = vb });

        var last = history.Epochs[^1];
        last["value"].ValidationLoss!.Value.Should().BeApproximately(model.Evaluate(va)["value"].Loss, 1e-5);
        last["sign"].ValidationLoss!.Value.Should().BeApproximately(model.Evaluate(vb)["sign"].Loss, 1e-5);
        last["band"].ValidationLoss.Should().Be(double.NaN, "no validation dataset was given for the task");
    }

    [Fact]
    public void PerTaskDatasets_MissingOrUnknownTask_AreNamed()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(10, seed: 9);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [4]));
        using var trainer = new MultiTaskTrainer(model);

        var missing = () => trainer.Fit(new Dictionary<string, MultiTaskDataset> { ["value"] = data, ["sign"] = data });
        var unknown = () => trainer.Fit(tasks.ToDictionary(t => t.Name, _ => data).Append(new("price", data)).ToDictionary());

        missing.Should().Throw<ArgumentException>().WithMessage("*No training dataset for task 'band'*");
        unknown.Should().Throw<ArgumentException>().WithMessage("*task 'price'*does not have*");
    }

    [Theory]
    [InlineData(TaskSampling.CycleToLongest)]
    [InlineData(TaskSampling.ProportionalToSize)]
    [InlineData(TaskSampling.RoundRobin)]
    public void PerTaskFit_LeavesNoTensorBehind(TaskSampling sampling)
    {
        var (x, tasks, targets) = Problems.ThreeTasks(50, seed: 10);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var small = data.Subset(Enumerable.Range(0, 17).ToArray());
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [4]), seed: 11);
        var sets = new Dictionary<string, MultiTaskDataset> { ["value"] = data, ["sign"] = small, ["band"] = data };

        Leak.AssertNone(() =>
        {
            using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2, BatchSize = 8, Sampling = sampling });
            trainer.Fit(sets, sets);
        });
    }

    private static float[] Flat(IReadOnlyList<TorchSharp.Modules.Parameter> parameters)
    {
        using var scope = NewDisposeScope();
        return torch.cat(parameters.Select(p => p.detach().flatten()).ToArray()).data<float>().ToArray();
    }
}
