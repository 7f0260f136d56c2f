using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MultiTask.Data;
using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Benchmarks;

/// <summary>
/// Preprocessing and feature selection against scikit-learn on the same data (written to a temporary folder and
/// timed by tests/reference/sklearn_benchmark.py with Debian's python3-sklearn), median of the repeats, one run.
/// </summary>
internal static class ScikitLearnBenchmark
{
    private const string Python = "/usr/bin/python3";
    private const int Columns = 100;

    internal static int Run(BenchmarkOptions options)
    {
        int rows = options.Rows;
        var (x, xMissing, yRegression, yClass) = Data(rows);
        var names = Enumerable.Range(0, Columns).Select(j => $"x{j}").ToArray();
        var table = TabularData.FromMatrix(x, names);
        var missingTable = TabularData.FromMatrix(xMissing, names);
        TaskSpec[] regressionTask = [TaskSpec.Regression("y")];
        TaskTargets[] regression = [yRegression];
        int classes = yClass.Max() + 1;
        TaskSpec[] classificationTask = [classes > 2 ? TaskSpec.Multiclass("c", classes) : TaskSpec.Binary("c")];
        TaskTargets[] classification = [yClass];

        var ours = new Dictionary<string, Action>
        {
            ["StandardScaler"] = () => new StandardScaler().Fit(table).Transform(table),
            ["SimpleImputer(mean)"] = () => new SimpleImputer { Strategy = ImputationStrategy.Mean }.Fit(missingTable).Transform(missingTable),
            ["SelectKBest(f_classif, 10)"] = () => new SelectKBest(ScoreFunction.FClassif, 10).Fit(table, classificationTask, classification).Transform(table),
            ["SelectKBest(f_regression, 10)"] = () => new SelectKBest(ScoreFunction.FRegression, 10).Fit(table, regressionTask, regression).Transform(table),
            ["mutual_info_regression"] = () => ScoreFunctions.MutualInfoRegression(x, yRegression),
        };
        foreach (var (name, action) in ModelOperations(x, yRegression, table))
        {
            ours[name] = action;
        }

        Console.WriteLine($"MultiTask vs scikit-learn: {rows:N0} × {Columns} float64 (5% missing for the imputer), median of {options.Repeats} runs each, same data.");
        Console.WriteLine($"Target: no operation slower than scikit-learn (speed-up ≥ 1). {MemoryProbe.LoadAverage()}");
        var folder = Path.Combine(Path.GetTempPath(), $"multitask-sklearn-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            Write(folder, x, xMissing, yRegression, yClass);
            var reference = ScikitLearnTimes(folder, options.Repeats);
            if (reference is null)
            {
                return 2;
            }

            Console.WriteLine();
            Console.WriteLine("| operation | MultiTask (s) | scikit-learn (s) | speed-up |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var (name, action) in ours)
            {
                action(); // warm-up (JIT)
                var times = Enumerable.Range(0, options.Repeats).Select(_ => Time(action)).Order().ToArray();
                double mine = times[times.Length / 2];
                double theirs = reference.GetValueOrDefault(name, double.NaN);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {mine:F3} | {theirs:F3} | {theirs / mine:F1}× |"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Console.WriteLine();
        Console.WriteLine(MemoryProbe.LoadAverage() + " (other processes on this machine skew the timings)");
        return 0;
    }

    private static IEnumerable<(string Name, Action Run)> ModelOperations(double[,] x, double[] y, TabularData table)
        => ModelBenchmarks.Operations(x, y, table);

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static (double[,] X, double[,] Missing, double[] Regression, int[] Class) Data(int rows)
    {
        var random = new Random(2024);
        var x = new double[rows, Columns];
        var missing = new double[rows, Columns];
        var y = new double[rows];
        var weights = Enumerable.Range(0, Columns).Select(j => j < 10 ? 1.0 / (j + 1) : 0.0).ToArray();
        for (int i = 0; i < rows; i++)
        {
            double s = 0;
            for (int j = 0; j < Columns; j++)
            {
                double v = Gaussian(random);
                x[i, j] = v;
                missing[i, j] = random.NextDouble() < 0.05 ? double.NaN : v;
                s += weights[j] * v;
            }

            y[i] = s + (0.5 * Gaussian(random));
        }

        double median = y.Order().ElementAt(rows / 2);
        return (x, missing, y, y.Select(v => v > median ? 1 : 0).ToArray());
    }

    private static double Gaussian(Random random)
        => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static void Write(string folder, double[,] x, double[,] missing, double[] y, int[] c)
    {
        File.WriteAllText(Path.Combine(folder, "shape.txt"), $"{x.GetLength(0)} {x.GetLength(1)}");
        WriteDoubles(Path.Combine(folder, "X.f64"), x.Cast<double>());
        WriteDoubles(Path.Combine(folder, "Xnan.f64"), missing.Cast<double>());
        WriteDoubles(Path.Combine(folder, "yreg.f64"), y);
        using var writer = new BinaryWriter(File.Create(Path.Combine(folder, "ycls.i32")));
        foreach (int v in c)
        {
            writer.Write(v);
        }
    }

    private static void WriteDoubles(string path, IEnumerable<double> values)
    {
        using var writer = new BinaryWriter(File.Create(path));
        foreach (double v in values)
        {
            writer.Write(v);
        }
    }

    private static Dictionary<string, double>? ScikitLearnTimes(string folder, int repeats)
    {
        string script = Path.Combine(RepositoryRoot(), "tests", "reference", "sklearn_benchmark.py");
        if (!File.Exists(Python))
        {
            Console.Error.WriteLine($"{Python} not found: install Debian's python3-sklearn (apt-get install python3-sklearn).");
            return null;
        }

        var start = new ProcessStartInfo(Python, [script, folder, repeats.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine($"scikit-learn benchmark failed ({process.ExitCode}): {error}");
            return null;
        }

        return JsonSerializer.Deserialize<Dictionary<string, double>>(output.Trim().Split('\n')[^1]);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MultiTask.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }
}
