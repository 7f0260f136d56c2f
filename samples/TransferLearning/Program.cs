// TransferLearning: pre-train a trunk on a data-rich task (Adult income, ~28,500 labelled rows), then learn a
// data-scarce task (works more than 40 hours a week, 300 labelled rows) on top of it: the trunk imported, first
// frozen (only the new head trains), then unfrozen with a smaller learning rate for the trunk (ULMFiT, Howard and
// Ruder, ACL 2018). Compared with the same network trained from scratch on the same 300 rows, over 3 seeds.
using System.Diagnostics;
using System.Globalization;
using MultiTask;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Tabular;
using MultiTask.Training;
using MultiTask.Transfer;
using Samples.Adult;

// First: TorchSharp's native library, with a message that names the fix when it cannot load (e.g. an old libstdc++).
try { MultiTaskRuntime.EnsureAvailable(); }
catch (TorchNativeLibraryException e) { Console.Error.WriteLine(e.Message); Environment.ExitCode = 1; return; }

const int SplitSeed = 2018;
const int PretrainValidationRows = 4000;
const int FewRows = 300;
const int FewValidationRows = 100;
int[] seeds = [1, 2, 3];
var clock = Stopwatch.StartNew();

// 1. Data. Neither target is an input: income and hours-per-week are dropped from the features of both tasks, so the
// trunk sees the same 13 columns in both. The preprocessing is fitted once, on the pre-training rows.
var (trainFile, testFile) = AdultCensus.Read(AdultCensus.DataFolder(args));
string[] dropped = ["income", "hours-per-week"];
int[] order = AdultCensus.Shuffled(trainFile.RowCount, SplitSeed);
var pretrainValidationTable = trainFile.TakeRows(order[..PretrainValidationRows]);
var pretrainTable = trainFile.TakeRows(order[PretrainValidationRows..]);
var preprocessing = AdultCensus.Preprocessing().Fit(pretrainTable.Without(dropped));
float[,] Features(TabularData part) => preprocessing.Transform(part.Without(dropped)).ToFeatureMatrix();
int width = preprocessing.Transform(testFile.TakeRows([0]).Without(dropped)).ToFeatureMatrix().GetLength(1);

var income = TaskSpec.Binary("income");
var longHours = TaskSpec.Binary("long-hours");
using var testData = MultiTaskDataset.FromArrays(Features(testFile), [longHours], [AdultCensus.LongHours(testFile)]);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Adult, {width} features. Source task income: {pretrainTable.RowCount} training / {pretrainValidationTable.RowCount} validation rows. Target task long-hours (> 40 h a week): {FewRows} training / {FewValidationRows} validation rows per seed; test: the official test file ({testData.RowCount} rows, {testData.GetLabels("long-hours").Average():P1} positive)"));

// 2. Pre-train the trunk on income.
var trunk = Trunks.Mlp(width, [64, 32]);
var head = Heads.Linear();
using var pretrained = MultiTaskModel.Create([income], trunk, head, seed: 100);
using (var pretrainData = MultiTaskDataset.FromArrays(Features(pretrainTable), [income], [AdultCensus.HighIncome(pretrainTable)]))
using (var pretrainValidation = MultiTaskDataset.FromArrays(Features(pretrainValidationTable), [income], [AdultCensus.HighIncome(pretrainValidationTable)]))
using (var trainer = new MultiTaskTrainer(pretrained, new TrainerOptions { Epochs = 20, BatchSize = 128, LearningRate = 2e-3, EarlyStoppingPatience = 3, Seed = 100, Threads = 1 }))
{
    var history = trainer.Fit(pretrainData, pretrainValidation);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"pre-trained on income: best epoch {history.BestEpoch} of {history.Epochs.Count}, validation AUC {pretrained.Evaluate(pretrainValidation)["income"][MetricNames.RocAuc]:F4} ({clock.Elapsed.TotalSeconds:F0} s)"));
}

Console.WriteLine();

// 3. Per seed: draw the few labelled rows, train from scratch, and transfer (frozen trunk, then fine-tuned).
var scratch = new List<double>();
var frozen = new List<double>();
var fineTuned = new List<double>();
foreach (int seed in seeds)
{
    int[] rows = AdultCensus.Shuffled(trainFile.RowCount, seed);
    var fewTable = trainFile.TakeRows(rows[..FewRows]);
    var fewValidationTable = trainFile.TakeRows(rows[FewRows..(FewRows + FewValidationRows)]);
    using var few = MultiTaskDataset.FromArrays(Features(fewTable), [longHours], [AdultCensus.LongHours(fewTable)]);
    using var fewValidation = MultiTaskDataset.FromArrays(Features(fewValidationTable), [longHours], [AdultCensus.LongHours(fewValidationTable)]);

    // From scratch: the same network and options as the fine-tuning stage, all at the head's learning rate.
    using (var model = MultiTaskModel.Create([longHours], trunk, head, seed: seed))
    {
        Fit(model, few, fewValidation, Options(seed, 1e-2, trunkRate: null));
        scratch.Add(Auc(model));
    }

    using (var model = MultiTaskModel.Create([longHours], trunk, head, seed: seed))
    {
        var report = model.ImportWeights(pretrained, new WeightImportOptions { Prefix = "trunk" });
        if (report.Loaded.Count != 4)
        {
            throw new InvalidOperationException($"Expected the trunk's 4 tensors to load; the import reported:\n{report}");
        }

        // Stage 1: only the new head trains (a linear probe of the pre-trained representation).
        model.Freeze("trunk");
        Fit(model, few, fewValidation, Options(seed, 1e-2, trunkRate: null));
        frozen.Add(Auc(model));

        // Stage 2: everything trains, the trunk at a tenth of the head's rate.
        model.Unfreeze("trunk");
        Fit(model, few, fewValidation, Options(seed, 1e-2, trunkRate: 1e-3));
        fineTuned.Add(Auc(model));
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"seed {seed}: test AUC from scratch {scratch[^1]:F4}, frozen pre-trained trunk {frozen[^1]:F4}, fine-tuned {fineTuned[^1]:F4} ({clock.Elapsed.TotalSeconds:F0} s)"));
}

// The ceiling: the same network trained from scratch on long-hours with every pre-training row labelled.
double ceiling;
using (var all = MultiTaskDataset.FromArrays(Features(pretrainTable), [longHours], [AdultCensus.LongHours(pretrainTable)]))
using (var allValidation = MultiTaskDataset.FromArrays(Features(pretrainValidationTable), [longHours], [AdultCensus.LongHours(pretrainValidationTable)]))
using (var model = MultiTaskModel.Create([longHours], trunk, head, seed: 100))
{
    Fit(model, all, allValidation, new TrainerOptions { Epochs = 20, BatchSize = 128, LearningRate = 2e-3, EarlyStoppingPatience = 3, Seed = 100, Threads = 1 });
    ceiling = Auc(model);
}

// 4. The table.
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"long-hours, test ROC AUC on {testData.RowCount} rows after {FewRows} labelled rows, mean ± std over {seeds.Length} seeds"));
var gains = fineTuned.Zip(scratch, (f, s) => f - s).ToArray();
(string Name, string Auc, string Gain)[] table =
[
    ("from scratch", MeanStd.Of(scratch).ToString("F4"), "—"),
    ("pre-trained trunk, frozen (head only)", MeanStd.Of(frozen).ToString("F4"), MeanStd.Of([.. frozen.Zip(scratch, (f, s) => f - s)]).ToString("+0.0000;-0.0000", "0.0000")),
    ("pre-trained trunk, then fine-tuned", MeanStd.Of(fineTuned).ToString("F4"), MeanStd.Of(gains).ToString("+0.0000;-0.0000", "0.0000")),
];
Console.WriteLine($"| {"model",-37} | {"test AUC",-15} | {"gain over scratch",-17} |");
Console.WriteLine($"|{new string('-', 39)}|{new string('-', 16)}:|{new string('-', 18)}:|");
foreach (var (name, auc, gain) in table)
{
    Console.WriteLine($"| {name,-37} | {auc,15} | {gain,17} |");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"(reference: the same network from scratch with all {pretrainTable.RowCount} rows labelled for long-hours reaches {ceiling:F4}, one seed)"));

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total runtime: {clock.Elapsed.TotalSeconds:F0} s"));

double Auc(MultiTaskModel model) => model.Evaluate(testData)["long-hours"][MetricNames.RocAuc];

static TrainerOptions Options(int seed, double rate, double? trunkRate) => new()
{
    Epochs = 100,
    BatchSize = 32,
    LearningRate = rate,
    GroupLearningRates = trunkRate is null ? null : new Dictionary<string, double> { ["trunk"] = trunkRate.Value },
    EarlyStoppingPatience = 10,
    Seed = seed,
    Threads = 1,
};

static void Fit(MultiTaskModel model, MultiTaskDataset train, MultiTaskDataset validation, TrainerOptions options)
{
    using var trainer = new MultiTaskTrainer(model, options);
    trainer.Fit(train, validation);
}
