// TaskComparison: multi-task against single-task in one call (ModelComparison.Run) on two real regression problems —
// Parkinson's telemonitoring (motor and total UPDRS, 5 folds grouped by subject) and wine quality (red and white as two
// tasks, 5 shuffled folds) — printing per-task MAE and RMSE of both, the paired differences ± standard error, and Δm.
using System.Diagnostics;
using System.Globalization;
using MultiTask;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;
using MultiTask.Tabular.Splitting;
using MultiTask.Tabular.Validation;
using MultiTask.Training;

// First: TorchSharp's native library, with a message that names the fix when it cannot load (e.g. an old libstdc++).
try { MultiTaskRuntime.EnsureAvailable(); }
catch (TorchNativeLibraryException e) { Console.Error.WriteLine(e.Message); Environment.ExitCode = 1; return; }

string folder = args.FirstOrDefault() ?? Path.Combine(AppContext.BaseDirectory, "data");
var clock = Stopwatch.StartNew();

// The same setting for every model of both comparisons: an MLP trunk [64, 32] with one linear head per task, Adam
// (lr 1e-3), 30 epochs, batch 64, seed 1; numeric features standardised inside each fold (fitted on its training rows).
var trainer = new TrainerOptions { Epochs = 30, BatchSize = 64, LearningRate = 1e-3, Seed = 1, Threads = 1 };
int[] hidden = [64, 32];
string[] metrics = [MetricNames.MeanAbsoluteError, MetricNames.RootMeanSquaredError];
ModelComparisonResult Compare(TabularData features, TaskSpec[] tasks, TaskTargets[] targets, IReadOnlyList<TableFold> folds) =>
    ModelComparison.Run(
        features, tasks, targets, folds,
        new ColumnTransformer().Add("num", new StandardScaler(), ColumnKind.Numeric),
        createMultiTaskModel: inputs => MultiTaskModel.Create(tasks, Trunks.Mlp(inputs, hidden), seed: 1),
        createSingleTaskModel: (task, inputs) => MultiTaskModel.Create([task], Trunks.Mlp(inputs, hidden), seed: 1),
        trainer, weighting: null, metrics);

// 1. Parkinson's telemonitoring: 5,875 voice recordings of 42 subjects. Tasks motor_UPDRS and total_UPDRS; inputs age,
// sex, test_time and the 16 voice measures. Folds grouped by subject, so every test subject is unseen in training.
var parkinsons = TabularCsv.Read(Path.Combine(folder, "parkinsons_updrs.data.gz"));
var (parkinsonsFeatures, updrs) = TaskColumns.Split(parkinsons.Without(["subject#"]), "motor_UPDRS", "total_UPDRS");
var parkinsonsFolds = parkinsons.KFold(new KFoldOptions { Folds = 5, GroupBy = "subject#" });
var parkinsonsResult = Compare(
    parkinsonsFeatures, [TaskSpec.Regression("motor_UPDRS"), TaskSpec.Regression("total_UPDRS")],
    [TaskColumns.Values(updrs.Numeric("motor_UPDRS")), TaskColumns.Values(updrs.Numeric("total_UPDRS"))], parkinsonsFolds);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Parkinson's telemonitoring: {parkinsons.RowCount} recordings, {parkinsonsFeatures.Columns.Count} features, 5 folds grouped by subject ({clock.Elapsed.TotalSeconds:F0} s)"));
Console.WriteLine(parkinsonsResult.FormatTable());
Console.WriteLine();

// 2. Wine quality: red (1,599) and white (4,898) Vinho Verde wines, the 11 physico-chemical measures as inputs. Two
// tasks, the quality of a red and of a white wine, each unlabelled on the other colour's rows; 5 shuffled folds.
var wineCsv = new CsvReadOptions { Separator = ';' };
var red = TabularCsv.Read(Path.Combine(folder, "winequality-red.csv.gz"), wineCsv);
var white = TabularCsv.Read(Path.Combine(folder, "winequality-white.csv.gz"), wineCsv);
var wine = TabularData.Concat(red, white);
var (wineFeatures, wineQuality) = TaskColumns.Split(wine, "quality");
double[] quality = TaskColumns.Values(wineQuality.Numeric("quality"));
double[] QualityOf(bool isRed) => quality.Select((q, row) => row < red.RowCount == isRed ? q : double.NaN).ToArray();
var wineResult = Compare(
    wineFeatures, [TaskSpec.Regression("red"), TaskSpec.Regression("white")], [QualityOf(true), QualityOf(false)],
    wine.KFold(new KFoldOptions { Folds = 5, Shuffle = true, Seed = 1 }));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Wine quality: {red.RowCount} red + {white.RowCount} white wines, {wineFeatures.Columns.Count} features, 5 shuffled folds ({clock.Elapsed.TotalSeconds:F0} s)"));
Console.WriteLine(wineResult.FormatTable());
