using System.Globalization;
using MultiTask.Data;
using MultiTask.Evaluation;

namespace MultiTask.Interpretability;

/// <summary>
/// Permutation feature importance per task (Breiman, 2001, "Random Forests", Machine Learning 45; the model-agnostic
/// form of scikit-learn's <c>sklearn.inspection.permutation_importance</c>): the drop in a task's score when one
/// feature column is shuffled, breaking its link with the targets.
/// </summary>
/// <remarks>
/// With s the task's score (its metric, negated when lower is better) on the data and s_{f,k} the score after the
/// k-th random permutation of feature f's column, importance_{f,k} = s − s_{f,k}; the report gives the mean and the
/// population standard deviation over the k = 1 … <see cref="PermutationImportanceOptions.Repeats"/> repeats. One
/// evaluation of the model per (feature, repeat) scores every task at once.
/// </remarks>
public static class PermutationImportance
{
    /// <summary>Computes the permutation importance of every feature for every task of the model.</summary>
    /// <param name="model">A model that takes features.</param>
    /// <param name="data">A labelled dataset with the model's tasks; every task needs at least one labelled row.</param>
    /// <param name="options">Default: <see cref="PermutationImportanceOptions"/>'s defaults.</param>
    /// <exception cref="ArgumentException">The data holds tokens, does not fit the model, a task has no label, or a chosen metric does not fit its task.</exception>
    public static PermutationImportanceReport Compute(MultiTaskModel model, MultiTaskDataset data, PermutationImportanceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        options ??= new PermutationImportanceOptions();
        if (data.InputKind != InputKind.Features)
        {
            throw new ArgumentException($"Permutation importance permutes feature columns; the dataset holds {data.InputKind}.", nameof(data));
        }

        var tasks = model.Tasks;
        foreach (var name in options.Metrics?.Keys.Where(n => tasks.All(t => t.Name != n)) ?? [])
        {
            throw new ArgumentException($"PermutationImportanceOptions.Metrics names unknown task '{name}'; the model has tasks {string.Join(", ", tasks.Select(t => $"'{t.Name}'"))}.", nameof(options));
        }

        var metrics = tasks.Select(t => MetricOf(t, options)).ToArray();
        var baseline = Scores(model, data, metrics, options.BatchSize);
        foreach (var (task, t) in tasks.Select((task, t) => (task, t)).Where(p => double.IsNaN(baseline[p.t])))
        {
            throw new ArgumentException($"Task '{task.Name}' has no labelled row or its metric '{metrics[t].Name}' is undefined (NaN) on the data; permutation importance needs a baseline score.", nameof(data));
        }

        var features = data.GetFeatures();
        int rows = data.RowCount, width = data.InputWidth;
        var importances = tasks.Select(_ => Enumerable.Range(0, width).Select(_ => new double[options.Repeats]).ToArray()).ToArray();
        var permuted = (float[,])features.Clone();
        for (int f = 0; f < width; f++)
        {
            var random = new Random(options.Seed);
            for (int k = 0; k < options.Repeats; k++)
            {
                var order = options.Permutations?.Invoke(f, k) ?? Shuffle(rows, random);
                CheckPermutation(order, rows, f, k);
                for (int i = 0; i < rows; i++)
                {
                    permuted[i, f] = features[order[i], f];
                }

                using var shuffled = data.WithFeatures(permuted);
                var scores = Scores(model, shuffled, metrics, options.BatchSize);
                for (int t = 0; t < tasks.Count; t++)
                {
                    importances[t][f][k] = baseline[t] - scores[t];
                }
            }

            for (int i = 0; i < rows; i++)
            {
                permuted[i, f] = features[i, f];
            }
        }

        return new PermutationImportanceReport(tasks.Select((task, t) => new TaskPermutationImportance(task, metrics[t].Name, baseline[t], importances[t])).ToArray());
    }

    /// <summary>The chosen or default per-task metric of a task, checked against its kind.</summary>
    private static IMetric MetricOf(TaskSpec task, PermutationImportanceOptions options)
    {
        var metric = options.Metrics?.GetValueOrDefault(task.Name)
            ?? task.EvaluationMetrics.FirstOrDefault(m => m.Scope == MetricScope.PerTask)
            ?? throw new ArgumentException($"Task '{task.Name}' lists no per-task metric; choose one in PermutationImportanceOptions.Metrics.", nameof(options));
        if (metric.Scope != MetricScope.PerTask || !metric.AppliesTo(task.Kind))
        {
            throw new ArgumentException($"Metric '{metric.Name}' cannot score task '{task.Name}' ({task.Kind}): permutation importance needs a per-task metric that applies to the task's kind.", nameof(options));
        }

        return metric;
    }

    /// <summary>Each task's score: its metric, negated when lower is better; NaN when the task has no labelled row.</summary>
    private static double[] Scores(MultiTaskModel model, MultiTaskDataset data, IMetric[] metrics, int batchSize)
    {
        var report = model.Evaluate(data, batchSize);
        var scores = new double[metrics.Length];
        for (int t = 0; t < metrics.Length; t++)
        {
            var rows = report.Tasks[t].Data;
            double value = rows is null ? double.NaN : metrics[t].Compute(rows)[0];
            scores[t] = metrics[t].HigherIsBetter ? value : -value;
        }

        return scores;
    }

    /// <summary>A uniformly random permutation of [0, rows) (Fisher–Yates).</summary>
    private static int[] Shuffle(int rows, Random random)
    {
        var order = Enumerable.Range(0, rows).ToArray();
        for (int i = rows - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }

    private static void CheckPermutation(int[] order, int rows, int feature, int repeat)
    {
        var seen = new bool[rows];
        bool valid = order.Length == rows;
        for (int i = 0; valid && i < rows; i++)
        {
            valid = order[i] >= 0 && order[i] < rows && !seen[order[i]];
            if (valid)
            {
                seen[order[i]] = true;
            }
        }

        if (!valid)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The row order for feature {feature}, repeat {repeat} is not a permutation of [0, {rows})."));
        }
    }
}
