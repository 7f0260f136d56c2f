using MultiTask.Data;
using MultiTask.Internal;
using TorchSharp;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Feature importances of a fitted <see cref="MultiTaskModel"/> by permutation (Breiman 2001, "Random forests";
/// the model-agnostic form of Fisher, Rudin &amp; Dominici 2019): for each feature, its column is shuffled (seeded)
/// and each task's loss is measured again; the importance is the mean increase of the task's loss over
/// <see cref="Repeats"/> shuffles. Per-task importances are combined over tasks with <see cref="Aggregation"/>, so
/// one ranking serves all tasks.
/// </summary>
/// <remarks>
/// Library-specific: scikit-learn's <c>permutation_importance</c> measures one estimator's score drop; this measures
/// every head of the shared network at once, on its own training loss (masked mean over labelled rows, as
/// <see cref="MultiTaskModel.Evaluate"/>). Losses of different tasks have different scales; <see cref="TaskAggregation.Rank"/>
/// ignores them. Evaluate on held-out rows to measure what the model relies on for generalisation.
/// </remarks>
public sealed class NetworkImportance
{
    /// <summary>The number of shuffles per feature. Range: ≥ 1. Default: 5.</summary>
    public int Repeats
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Repeats), value, "Repeats must be ≥ 1.");
    } = 5;

    /// <summary>Seeds the shuffles; the same seed gives the same importances. Default: 0.</summary>
    public int Seed { get; init; }

    /// <summary>How per-task importances are combined. Default: <see cref="TaskAggregation.Mean"/>.</summary>
    public TaskAggregation Aggregation
    {
        get;
        init => field = ModelScoreAggregation.Check(value, nameof(Aggregation));
    }

    /// <summary>Rows per forward pass. Range: ≥ 1. Default: 1024.</summary>
    public int BatchSize
    {
        get;
        init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(BatchSize), value, "BatchSize must be ≥ 1.");
    } = 1024;

    /// <summary>Computes the permutation importances.</summary>
    /// <param name="model">A fitted model over feature inputs.</param>
    /// <param name="data">Rows with the model's tasks (matched by name) and feature width; labels may be missing for some tasks.</param>
    /// <param name="featureNames">One name per feature; default x0, x1, ….</param>
    /// <exception cref="ArgumentException">The dataset holds tokens, does not match the model, no task has a label, or the names do not match the width.</exception>
    public NetworkImportanceResult Compute(MultiTaskModel model, MultiTaskDataset data, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (data.InputKind != InputKind.Features)
        {
            throw new ArgumentException($"Permutation importance shuffles feature columns; the dataset holds {data.InputKind}.", nameof(data));
        }

        int rows = data.RowCount, width = data.InputWidth;
        var names = featureNames?.ToArray() ?? Enumerable.Range(0, width).Select(j => $"x{j}").ToArray();
        if (names.Length != width)
        {
            throw new ArgumentException($"Expected {width} feature names; got {names.Length}.", nameof(featureNames));
        }

        var tasks = model.Tasks;
        var features = data.GetFeatures();
        var baseline = Losses(model, data);
        if (baseline.All(double.IsNaN))
        {
            throw new ArgumentException("No task has a labelled row in the dataset.", nameof(data));
        }

        var increases = tasks.Select(_ => new double[width, Repeats]).ToArray();
        var work = (float[,])features.Clone();
        for (int j = 0; j < width; j++)
        {
            for (int r = 0; r < Repeats; r++)
            {
                var order = Permutation(rows, SeedMix.Of(Seed, j, r));
                for (int i = 0; i < rows; i++)
                {
                    work[i, j] = features[order[i], j];
                }

                using var permuted = data.WithFeatures(work);
                var losses = Losses(model, permuted);
                for (int t = 0; t < tasks.Count; t++)
                {
                    increases[t][j, r] = losses[t] - baseline[t];
                }
            }

            for (int i = 0; i < rows; i++)
            {
                work[i, j] = features[i, j];
            }
        }

        var importances = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var deviations = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var baselines = new Dictionary<string, double>(StringComparer.Ordinal);
        var labelled = new List<double[]>();
        for (int t = 0; t < tasks.Count; t++)
        {
            var mean = new double[width];
            var std = new double[width];
            for (int j = 0; j < width; j++)
            {
                double sum = 0;
                for (int r = 0; r < Repeats; r++)
                {
                    sum += increases[t][j, r];
                }

                mean[j] = sum / Repeats;
                double squares = 0;
                for (int r = 0; r < Repeats; r++)
                {
                    squares += (increases[t][j, r] - mean[j]) * (increases[t][j, r] - mean[j]);
                }

                std[j] = Math.Sqrt(squares / Repeats);
            }

            importances[tasks[t].Name] = mean;
            deviations[tasks[t].Name] = std;
            baselines[tasks[t].Name] = baseline[t];
            if (!double.IsNaN(baseline[t]))
            {
                labelled.Add(mean);
            }
        }

        return new NetworkImportanceResult(names, tasks.Select(t => t.Name).ToArray(), baselines, importances, deviations, ModelScoreAggregation.Combine(labelled, Aggregation));
    }

    /// <summary>The seeded shuffle of 0 … n − 1 (Fisher–Yates with <see cref="Random"/>) used for one feature and repeat.</summary>
    internal static int[] Permutation(int n, int seed)
    {
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        for (int i = n - 1; i > 0; i--)
        {
            int k = random.Next(i + 1);
            (order[i], order[k]) = (order[k], order[i]);
        }

        return order;
    }

    /// <summary>Each task's masked mean loss, in the model's task order (NaN for a task without labels).</summary>
    private double[] Losses(MultiTaskModel model, MultiTaskDataset data)
    {
        var report = model.Evaluate(data, BatchSize);
        return model.Tasks.Select(t => report[t.Name].LabelledRows > 0 ? report[t.Name].Loss : double.NaN).ToArray();
    }
}
