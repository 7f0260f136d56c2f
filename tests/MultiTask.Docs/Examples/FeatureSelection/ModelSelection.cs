// begin-snippet: feature-selection-models-setup
using System.Globalization;
using System.IO.Compression;
using MultiTask;
using MultiTask.Data;
using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.FeatureSelection.Linear;
using MultiTask.Models;
using MultiTask.Training;
// end-snippet
using MultiTask.Docs.Tool;

namespace MultiTask.Docs.Examples.FeatureSelection;

/// <summary>docs/feature-selection-models.md: one program on diabetes, energy efficiency and breast cancer, one output per block.</summary>
internal static class ModelSelection
{
    [DocExample("feature-selection-models-lasso")]
    public static void Run()
    {
        // begin-snippet: feature-selection-models-setup
        const string Data = "tests/data";

        static double[][] ReadRows(string path, char separator)
        {
            using var stream = path.EndsWith(".gz") ? (Stream)new GZipStream(File.OpenRead(path), CompressionMode.Decompress) : File.OpenRead(path);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(separator, StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
                .ToArray();
        }

        static double[,] ToMatrix(double[][] rows, int columns)
        {
            var m = new double[rows.Length, columns];
            for (int i = 0; i < rows.Length; i++)
            {
                for (int j = 0; j < columns; j++)
                {
                    m[i, j] = rows[i][j];
                }
            }

            return m;
        }

        string[] names = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"];
        double[,] x = ToMatrix(ReadRows($"{Data}/diabetes/diabetes_data_raw.csv.gz", ' '), 10);
        double[] y = ReadRows($"{Data}/diabetes/diabetes_target.csv.gz", ' ').Select(r => r[0]).ToArray();
        var table = TabularData.FromMatrix(x, names);
        TaskSpec[] progressionTask = [TaskSpec.Regression("progression")];
        TaskTargets[] progression = [y];
        // end-snippet


        // begin-snippet: feature-selection-models-lasso
        LinearModel lasso = new Lasso { Alpha = 1.0 }.Fit(x, y);
        Console.WriteLine(string.Join(", ", lasso.Coefficients.Select(c => c.ToString("G6"))));
        Console.WriteLine($"intercept {lasso.Intercept:G6}, {lasso.Iterations} sweeps, dual gap {lasso.DualGap:G4}");
        // end-snippet

        DocOutput.Section("feature-selection-models-embedded");
        // begin-snippet: feature-selection-models-embedded
        var sparse = (FittedColumnSelection)new EmbeddedSelector(new Lasso { Alpha = 10.0 }).Fit(table, progressionTask, progression);
        Console.WriteLine(string.Join(", ", sparse.SelectedColumns));
        TabularData reduced = sparse.Transform(table);
        // end-snippet

        DocOutput.Section("feature-selection-models-multitask-lasso");
        // begin-snippet: feature-selection-models-multitask-lasso
        double[][] energy = File.ReadLines($"{Data}/energy-efficiency/ENB2012_data.csv").Skip(1)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        string[] energyNames = ["compactness", "surface", "wall", "roof", "height", "orientation", "glazing", "glazing_distribution"];
        var building = TabularData.FromMatrix(ToMatrix(energy, 8), energyNames);
        TaskSpec[] loadTasks = [TaskSpec.Regression("heating"), TaskSpec.Regression("cooling")];
        TaskTargets[] loads = [energy.Select(r => r[8]).ToArray(), energy.Select(r => r[9]).ToArray()];

        // one shared support through the L2,1 penalty
        var shared = (FittedColumnSelection)new EmbeddedSelector(new MultiTaskLasso { Alpha = 1.0 }).Fit(building, loadTasks, loads);
        Console.WriteLine(string.Join(", ", shared.SelectedColumns));

        // per-task lassos, |coefficients| combined by the largest
        var anyTask = (FittedColumnSelection)new EmbeddedSelector(new Lasso { Alpha = 1.0 }) { Aggregation = TaskAggregation.Max }.Fit(building, loadTasks, loads);
        Console.WriteLine(string.Join(", ", anyTask.SelectedColumns));
        // end-snippet

        DocOutput.Section("feature-selection-models-rfe");
        // begin-snippet: feature-selection-models-rfe
        RfeResult rfe = new Rfe(new LinearRegression()) { FeatureCount = 3 }.Rank(table, progressionTask, progression);
        Console.WriteLine(string.Join(", ", rfe.Ranking));
        Console.WriteLine(string.Join(", ", rfe.Selection.SelectedColumns));
        // end-snippet

        DocOutput.Section("feature-selection-models-rfecv");
        // begin-snippet: feature-selection-models-rfecv
        RfecvResult cv = new Rfecv(new LinearRegression()) { Folds = 5 }.Run(table, progressionTask, progression);
        Console.WriteLine($"{cv.FeatureCount} features: {string.Join(", ", cv.Selection.SelectedColumns)}");
        for (int k = 0; k < cv.FeatureCounts.Count; k++)
        {
            Console.WriteLine($"{cv.FeatureCounts[k],2}  {cv.MeanTestScores[k]:F4} ± {cv.StdTestScores[k]:F4}");
        }
        // end-snippet

        DocOutput.Section("feature-selection-models-sequential");
        // begin-snippet: feature-selection-models-sequential
        var forward = new SequentialFeatureSelector(new LinearRegression()) { FeatureCount = 3, Direction = SequentialDirection.Forward }.Run(table, progressionTask, progression);
        Console.WriteLine(string.Join(" → ", forward.StepFeatures.Zip(forward.StepScores, (f, s) => $"{f} ({s:F4})")));
        var backward = new SequentialFeatureSelector(new LinearRegression()) { FeatureCount = 3, Direction = SequentialDirection.Backward }.Run(table, progressionTask, progression);
        Console.WriteLine(string.Join(", ", backward.Selection.SelectedColumns));
        // end-snippet

        DocOutput.Section("feature-selection-models-logistic");
        // begin-snippet: feature-selection-models-logistic
        double[][] cancer = File.ReadLines($"{Data}/breast-cancer-wisconsin/breast_cancer.csv").Skip(1)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        double[,] cx = ToMatrix(cancer, 30);
        int[] diagnosis = cancer.Select(r => (int)r[30]).ToArray();
        for (int j = 0; j < 30; j++)
        {
            // standardise as StandardScaler (population standard deviation)
            double mean = cancer.Average(r => r[j]);
            double std = Math.Sqrt(cancer.Average(r => (r[j] - mean) * (r[j] - mean)));
            for (int i = 0; i < cancer.Length; i++)
            {
                cx[i, j] = (cx[i, j] - mean) / std;
            }
        }

        LogisticModel logistic = new LogisticRegression { C = 1.0 }.Fit(cx, diagnosis);
        Console.WriteLine($"{logistic.Iterations} Newton steps, max |gradient| below 1e-10: {logistic.GradientNorm < 1e-10}, accuracy {logistic.Score(cx, diagnosis):F4}");
        RfeResult top5 = new Rfe(new LogisticRegression()) { FeatureCount = 5 }
            .Rank(TabularData.FromMatrix(cx, Enumerable.Range(0, 30).Select(j => $"x{j}").ToArray()), [TaskSpec.Binary("diagnosis")], [diagnosis]);
        Console.WriteLine(string.Join(", ", top5.Selection.SelectedColumns));
        // end-snippet

        DocOutput.Section("feature-selection-models-several-tasks");
        // begin-snippet: feature-selection-models-several-tasks
        // one elimination for both tasks, importances ranked per task and the ranks averaged
        RfeResult both = new Rfe(new LinearRegression()) { FeatureCount = 4, Aggregation = TaskAggregation.Rank }.Rank(building, loadTasks, loads);
        Console.WriteLine(string.Join(", ", both.Selection.SelectedColumns));
        // end-snippet

        DocOutput.Section("feature-selection-models-network-importance");
        // begin-snippet: feature-selection-models-network-importance
        static float[] Standardised(IEnumerable<double> values)
        {
            var v = values.ToArray();
            double mean = v.Average();
            double std = Math.Sqrt(v.Average(a => (a - mean) * (a - mean)));
            return v.Select(a => (float)((a - mean) / std)).ToArray();
        }

        // standardised inputs and targets (here by hand; the preprocessing namespace does this in a pipeline)
        TaskSpec[] tasks = [TaskSpec.Regression("heating"), TaskSpec.Regression("cooling")];
        var columns = Enumerable.Range(0, 8).Select(j => Standardised(energy.Select(r => r[j]))).ToArray();
        var features = new float[energy.Length, 8];
        for (int i = 0; i < energy.Length; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                features[i, j] = columns[j][i];
            }
        }

        float[] heating = Standardised(energy.Select(r => r[8]));
        float[] cooling = Standardised(energy.Select(r => r[9]));
        using var dataset = MultiTaskDataset.FromArrays(features, tasks, [heating, cooling]);
        var split = dataset.TrainTestSplit(0.25, seed: 1);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(8, [32, 32]), seed: 2);
        using (var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 60, BatchSize = 32, LearningRate = 3e-3, Seed = 3, Threads = 1 }))
        {
            trainer.Fit(split.Train);
        }

        NetworkImportanceResult importance = new NetworkImportance { Repeats = 5, Seed = 4, Aggregation = TaskAggregation.Mean }
            .Compute(model, split.Test, energyNames);
        foreach (var (name, j) in energyNames.Select((n, j) => (n, j)))
        {
            Console.WriteLine($"{name,-21} heating {importance.Importances["heating"][j],7:F4}  cooling {importance.Importances["cooling"][j],7:F4}  mean {importance.Aggregated[j],7:F4}");
        }

        FittedColumnSelection top4 = importance.SelectTop(4);
        Console.WriteLine(string.Join(", ", top4.SelectedColumns));
        // end-snippet
    }
}
