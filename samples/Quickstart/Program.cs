// Quickstart: three correlated regression tasks (the MMoE paper's generator), one single-task model per task
// versus one multi-task model with a shared trunk, compared on held-out data.
using System.Diagnostics;
using MultiTask;
using MultiTask.Data;
using MultiTask.Data.Synthetic;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Training;
using Spectre.Console;

// First: TorchSharp's native library, with a message that names the fix when it cannot load (e.g. an old libstdc++).
try { MultiTaskRuntime.EnsureAvailable(); }
catch (TorchNativeLibraryException e) { Console.Error.WriteLine(e.Message); Environment.ExitCode = 1; return; }

const int Seed = 42;
var clock = Stopwatch.StartNew();

// 1. Data: 3 tasks whose weight vectors have cosine 0.9 with the first; few rows per feature, where sharing helps.
var synthetic = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 2000, FeatureCount = 32, TaskCount = 3, Correlation = 0.9, SineTerms = 3, Seed = Seed });
// The dataset owns the one copy of the features; the split's parts and SelectTasks below are views of it (no copies,
// nothing to dispose).
using var data = synthetic.ToDataset();
var split = data.TrainValidationTestSplit(validationFraction: 0.2, testFraction: 0.2, seed: Seed);
AnsiConsole.MarkupLine($"[bold]MultiTask quickstart[/]: {data.RowCount} rows, {data.InputWidth} features, tasks {string.Join(", ", data.Tasks.Select(t => t.Name))}");
AnsiConsole.MarkupLine($"train {split.Train.RowCount} / validation {split.Validation!.RowCount} / test {split.Test.RowCount} rows\n");

var trunk = Trunks.Mlp(data.InputWidth, [32, 32]);
var head = Heads.Mlp([16]);
// Small models train fastest on one CPU thread (no synchronisation between threads on every tiny operation).
var options = new TrainerOptions { Epochs = 60, BatchSize = 64, LearningRate = 2e-3, WeightDecay = 1e-4, EarlyStoppingPatience = 8, Seed = Seed, Threads = 1 };

// 2. Train: one model per task, then one model for all tasks, with a progress bar per model.
var singleTask = new Dictionary<string, TaskEvaluation>();
EvaluationReport? multiTask = null;
IReadOnlyList<IReadOnlyList<double>>? cosines = null;
AnsiConsole.Progress()
    .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
    .Start(context =>
    {
        foreach (var task in data.Tasks)
        {
            var train = split.Train.SelectTasks(task.Name);
            var validation = split.Validation!.SelectTasks(task.Name);
            var test = split.Test.SelectTasks(task.Name);
            singleTask[task.Name] = Train($"single-task {task.Name}", [task], train, validation, test, context)[task.Name];
        }

        multiTask = Train("multi-task (all 3)", data.Tasks, split.Train, split.Validation!, split.Test, context, diagnostics: true);
    });

// 3. Report: test metrics per task, single-task versus multi-task.
var table = new Table().Title("Test set: single-task vs multi-task").AddColumns("task", "metric", "single-task", "multi-task", "change");
foreach (var task in data.Tasks)
{
    foreach (var metric in new[] { MetricNames.MeanSquaredError, MetricNames.R2 })
    {
        double single = singleTask[task.Name][metric], multi = multiTask![task.Name][metric];
        bool better = MetricNames.HigherIsBetter(metric) ? multi > single : multi < single;
        string change = $"{(multi - single) / Math.Abs(single) * 100:+0.0;-0.0}%";
        table.AddRow(task.Name, metric, $"{single:F4}", $"{multi:F4}", better ? $"[green]{change}[/]" : $"[red]{change}[/]");
    }
}

AnsiConsole.Write(table);

// 4. Diagnostics: how aligned the tasks' gradients on the shared trunk were (1 = same direction, < 0 = conflict).
var cosineTable = new Table().Title("Gradient cosine between tasks (multi-task model, last epoch)").AddColumn("");
foreach (var task in data.Tasks)
{
    cosineTable.AddColumn(task.Name);
}

for (int i = 0; i < data.Tasks.Count; i++)
{
    cosineTable.AddRow([data.Tasks[i].Name, .. cosines![i].Select(c => $"{c:+0.00;-0.00}")]);
}

AnsiConsole.Write(cosineTable);
AnsiConsole.MarkupLine($"\nDone in {clock.Elapsed.TotalSeconds:F1} s.");

EvaluationReport Train(string label, IReadOnlyList<TaskSpec> tasks, MultiTaskDataset train, MultiTaskDataset validation, MultiTaskDataset test, ProgressContext context, bool diagnostics = false)
{
    var bar = context.AddTask(label, maxValue: options.Epochs);
    using var model = MultiTaskModel.Create(tasks, trunk, head, seed: Seed);
    using var trainer = new MultiTaskTrainer(model, diagnostics ? WithDiagnostics(options) : options);
    var history = trainer.Fit(train, validation, epoch =>
    {
        bar.Description = $"{label}: epoch {epoch.Epoch}, validation loss {epoch.ValidationLoss:F3}";
        bar.Value = epoch.Epoch;
    });
    bar.Value = bar.MaxValue;
    cosines = diagnostics ? history.Epochs[^1].GradientCosines : cosines;
    bar.Description = $"{label}: best epoch {history.BestEpoch} of {history.Epochs.Count}";
    return model.Evaluate(test);
}

static TrainerOptions WithDiagnostics(TrainerOptions o) => new()
{
    Epochs = o.Epochs,
    BatchSize = o.BatchSize,
    LearningRate = o.LearningRate,
    WeightDecay = o.WeightDecay,
    EarlyStoppingPatience = o.EarlyStoppingPatience,
    Seed = o.Seed,
    Threads = o.Threads,
    GradientDiagnostics = GradientDiagnostics.PerEpoch,
};
