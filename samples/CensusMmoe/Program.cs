// CensusMmoe: the MMoE paper's census experiment (Ma et al., KDD 2018, §6.1) on UCI Adult — two binary tasks, income
// > 50K and never-married (marital status removed from the inputs) — with one single-task model per task, a
// shared-bottom network, MMoE and PLE of comparable size, ROC AUC on the official test file and Δm, over 3 seeds (--seeds N for more).
using System.Diagnostics;
using System.Globalization;
using CensusMmoe;
using MultiTask;
using MultiTask.Architectures;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Tabular;
using MultiTask.Training;
using Samples.Adult;

// First: TorchSharp's native library, with a message that names the fix when it cannot load (e.g. an old libstdc++).
try { MultiTaskRuntime.EnsureAvailable(); }
catch (TorchNativeLibraryException e) { Console.Error.WriteLine(e.Message); Environment.ExitCode = 1; return; }

const int SplitSeed = 2018;
const int ValidationRows = 4000;
const int DefaultTrainRows = 8000;
bool full = args.Contains("--full");
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
// --export-init DIR: the splits as with --export, plus what the PyTorch peer needs to repeat each run from the same start.
string? initFolder = Option("--export-init");
string? exportFolder = Option("--export") ?? initFolder;
int seedCount = 3;
if (Option("--seeds") is { } n && (!int.TryParse(n, NumberStyles.Integer, CultureInfo.InvariantCulture, out seedCount) || seedCount < 1))
{
    Console.Error.WriteLine($"--seeds expects a whole number ≥ 1 (seeds 1 … N), not '{n}'.");
    Environment.ExitCode = 1;
    return;
}

int[] seeds = [.. Enumerable.Range(1, seedCount)];
string?[] optionValues = [Option("--export"), initFolder, Option("--seeds")];
var clock = Stopwatch.StartNew();

// 1. Data. The official test file is the test split; the training file is shuffled once (fixed seed) into 4,000
// validation rows (early stopping) and the training rows: 8,000 by default, all the others with --full.
var (trainFile, testFile) = AdultCensus.Read(AdultCensus.DataFolder(args.Where(a => !optionValues.Contains(a))));
int[] order = AdultCensus.Shuffled(trainFile.RowCount, SplitSeed);
int trainCount = full ? trainFile.RowCount - ValidationRows : DefaultTrainRows;
var validationTable = trainFile.TakeRows(order[..ValidationRows]);
var trainTable = trainFile.TakeRows(order[ValidationRows..(ValidationRows + trainCount)]);

TaskSpec[] tasks = [TaskSpec.Binary("income"), TaskSpec.Binary("never-married")];
string[] dropped = ["income", "marital-status"];
// One preprocessing for every model, fitted on the training rows only.
var preprocessing = AdultCensus.Preprocessing().Fit(trainTable.Without(dropped));
(float[,] X, TaskTargets[] Y) Prepare(TabularData part) =>
    (preprocessing.Transform(part.Without(dropped)).ToFeatureMatrix(), [AdultCensus.HighIncome(part), AdultCensus.NeverMarried(part)]);
var train = Prepare(trainTable);
var validation = Prepare(validationTable);
var test = Prepare(testFile);
int width = train.X.GetLength(1);
using var trainData = MultiTaskDataset.FromArrays(train.X, tasks, train.Y);
using var validationData = MultiTaskDataset.FromArrays(validation.X, tasks, validation.Y);
using var testData = MultiTaskDataset.FromArrays(test.X, tasks, test.Y);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Adult: {trainData.RowCount} training / {validationData.RowCount} validation / {testData.RowCount} test rows (official test file), {width} features from {trainTable.Columns.Count - dropped.Length} columns{(full ? " (--full)" : "")}"));
foreach (var task in tasks)
{
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {task.Name}: {trainData.GetLabels(task.Name).Average():P1} positive in training, {testData.GetLabels(task.Name).Average():P1} in test"));
}

if (exportFolder is not null)
{
    PreprocessedExport.Write(exportFolder, tasks, ("train", train.X, train.Y), ("validation", validation.X, validation.Y), ("test", test.X, test.Y));
    Console.WriteLine($"preprocessed splits written to {Path.GetFullPath(exportFolder)}");
}

if (initFolder is not null)
{
    Console.WriteLine($"initial weights, row orders and per-epoch losses written to {Path.GetFullPath(initFolder)}");
}

// 2. Models of comparable size: 64 hidden units below the towers in each multi-task model (one layer of 64, 4
// experts of 16, or 2 + 2×1 experts of 16 per PLE level), towers of 8 units on every task.
var tower = Heads.Mlp([8]);
var singleTask = new HardSharingArchitecture { Trunk = Trunks.Mlp(width, [64]), Head = tower };
var multiTask = new (string Name, ArchitectureSpec Architecture)[]
{
    ("shared-bottom", new HardSharingArchitecture { Trunk = Trunks.Mlp(width, [64]), Head = tower }),
    ("MMoE", new MmoeArchitecture { Expert = Trunks.Mlp(width, [16]), ExpertCount = 4, Tower = tower }),
    ("PLE", new PleArchitecture { Experts = [Trunks.Mlp(width, [16]), Trunks.Mlp(16, [16])], SharedExpertCount = 2, TaskExpertCount = 1, Tower = tower }),
};
var options = new TrainerOptions
{
    Epochs = full ? 50 : 30,
    BatchSize = 128,
    LearningRate = 2e-3,
    EarlyStoppingPatience = 4,
    Threads = 1, // small models: one thread is fastest, and leaves the machine's other core free
};
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Adam lr {options.LearningRate}, batch {options.BatchSize}, up to {options.Epochs} epochs, early stopping on the validation loss (patience {options.EarlyStoppingPatience}, best weights restored); seeds {string.Join(", ", seeds)}"));
Console.WriteLine();
if (exportFolder is not null)
{
    ParityExport.WriteSettings(exportFolder, options, seeds);
}

// 3. Train and evaluate every model on every seed.
var results = new Dictionary<string, List<Run>>();
var parameters = new Dictionary<string, long>();
foreach (int seed in seeds)
{
    if (initFolder is not null)
    {
        ParityExport.WriteOrders(initFolder, seed, options.Epochs, trainData.RowCount);
    }

    var baselines = new List<EvaluationReport>();
    long singleParameters = 0;
    foreach (var task in tasks)
    {
        var (report, count) = Fit($"single-task {task.Name}", [task], singleTask, seed);
        baselines.Add(report);
        singleParameters += count;
    }

    parameters["single-task"] = singleParameters;
    Add("single-task", new Run(baselines[0]["income"][MetricNames.RocAuc], baselines[1]["never-married"][MetricNames.RocAuc], double.NaN));
    foreach (var (name, architecture) in multiTask)
    {
        var (report, count) = Fit(name, tasks, architecture, seed);
        parameters[name] = count;
        double deltaM = MultiTaskGain.Compute(report, baselines, [MetricNames.RocAuc]).DeltaMPercent;
        Add(name, new Run(report["income"][MetricNames.RocAuc], report["never-married"][MetricNames.RocAuc], deltaM));
    }
}

// 4. The table, in the style of the MMoE paper's Table 3 (AUC per task), with Δm against the single-task models.
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test ROC AUC on {testData.RowCount} rows, mean ± standard error over {seeds.Length} seeds (Δm: mean relative AUC change vs single-task, Maninis et al. 2019)"));
string[] header = ["model", "parameters", "income AUC", "never-married AUC", "Δm %"];
var rows = results.Select(r => new[]
{
    r.Key,
    r.Key == "single-task" ? $"{parameters[r.Key] / 2:N0} × 2" : parameters[r.Key].ToString("N0", CultureInfo.InvariantCulture),
    MeanStd.Of([.. r.Value.Select(v => v.Income)]).ToStandardError(seeds.Length).ToString("F4"),
    MeanStd.Of([.. r.Value.Select(v => v.NeverMarried)]).ToStandardError(seeds.Length).ToString("F4"),
    r.Key == "single-task" ? "—" : MeanStd.Of([.. r.Value.Select(v => v.DeltaM)]).ToStandardError(seeds.Length).ToString("+0.00;-0.00;0.00", "0.00"),
}).ToList();
var widths = header.Select((h, c) => Math.Max(h.Length, rows.Max(row => row[c].Length))).ToArray();
Console.WriteLine("| " + string.Join(" | ", header.Select((h, c) => h.PadRight(widths[c]))) + " |");
Console.WriteLine("|" + string.Join("|", widths.Select((w, c) => c == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
foreach (var row in rows)
{
    Console.WriteLine("| " + string.Join(" | ", row.Select((cell, c) => c == 0 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))) + " |");
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total runtime: {clock.Elapsed.TotalSeconds:F0} s"));

void Add(string name, Run run)
{
    if (!results.TryGetValue(name, out var list))
    {
        results[name] = list = [];
    }

    list.Add(run);
}

(EvaluationReport Report, long Parameters) Fit(string name, TaskSpec[] modelTasks, ArchitectureSpec architecture, int seed)
{
    var names = modelTasks.Select(t => t.Name).ToArray();
    using var model = MultiTaskModel.Create(modelTasks, architecture, seed: seed);
    if (initFolder is not null)
    {
        ParityExport.WriteInitialWeights(initFolder, model, name, seed);
    }

    using (var trainer = new MultiTaskTrainer(model, new TrainerOptions
    {
        Epochs = options.Epochs,
        BatchSize = options.BatchSize,
        LearningRate = options.LearningRate,
        EarlyStoppingPatience = options.EarlyStoppingPatience,
        Threads = options.Threads,
        Seed = seed,
    }))
    {
        var history = trainer.Fit(trainData.SelectTasks(names), validationData.SelectTasks(names));
        var report = model.Evaluate(testData.SelectTasks(names));
        if (initFolder is not null)
        {
            ParityExport.WriteRun(initFolder, name, seed, names, history, [.. names.Select(n => report[n][MetricNames.RocAuc])]);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}  {name,-26} best epoch {history.BestEpoch,2} of {history.Epochs.Count,2}  test AUC {string.Join(", ", names.Select(n => $"{n} {report[n][MetricNames.RocAuc]:F4}"))}  ({clock.Elapsed.TotalSeconds:F0} s)"));
        return (report, model.ParameterCount);
    }
}

/// <summary>One seed's test AUC per task and Δm (NaN for the single-task baselines).</summary>
internal sealed record Run(double Income, double NeverMarried, double DeltaM);
