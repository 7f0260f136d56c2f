using System.Text.Json.Nodes;
using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>A fitted <see cref="KnnImputer"/>: the training rows and the options.</summary>
public sealed class FittedKnnImputer : IFittedTransform
{
    internal const string KindName = "knn-imputer";
    private readonly string[] _columns;
    private readonly int _rows;
    private readonly double[] _fit;
    private readonly double[] _means;
    private readonly int[] _donors;
    private readonly string[] _indicators;

    internal FittedKnnImputer(string[] columns, int rows, double[] fit, int neighbors, KnnWeighting weights, bool keepEmptyFeatures, string[] indicators)
    {
        _columns = columns;
        _rows = rows;
        _fit = fit;
        _indicators = indicators;
        Neighbors = neighbors;
        Weights = weights;
        KeepEmptyFeatures = keepEmptyFeatures;
        int p = columns.Length;
        _means = new double[p];
        _donors = new int[p];
        for (int t = 0; t < rows; t++)
        {
            for (int j = 0; j < p; j++)
            {
                double v = fit[(t * p) + j];
                if (!double.IsNaN(v))
                {
                    _means[j] += v;
                    _donors[j]++;
                }
            }
        }

        for (int j = 0; j < p; j++)
        {
            _means[j] = _donors[j] == 0 ? double.NaN : _means[j] / _donors[j];
        }

        Columns = Array.AsReadOnly(columns);
        EmptyColumns = columns.Where((_, j) => _donors[j] == 0).ToArray();
        IndicatorColumns = Array.AsReadOnly(indicators);
    }

    /// <summary>The imputed columns (the coordinates of the distance), in fitting order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The number of neighbours.</summary>
    public int Neighbors { get; }

    /// <summary>How the neighbours' values are averaged.</summary>
    public KnnWeighting Weights { get; }

    /// <summary>Whether columns with no present value at fit time are kept (as zeros) rather than dropped.</summary>
    public bool KeepEmptyFeatures { get; }

    /// <summary>The number of training rows kept.</summary>
    public int TrainingRowCount => _rows;

    /// <summary>The columns with no present value at fit time: dropped by the transform, or set to 0 with <see cref="KeepEmptyFeatures"/>.</summary>
    public IReadOnlyList<string> EmptyColumns { get; }

    /// <summary>The columns that get a "missingindicator_&lt;column&gt;" 0/1 column at the end.</summary>
    public IReadOnlyList<string> IndicatorColumns { get; }

    /// <inheritdoc/>
    public string Kind => KindName;

    /// <inheritdoc/>
    public TabularData Transform(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int n = data.RowCount, p = _columns.Length;
        var x = new double[n * p];
        var outputs = new double[]?[p];
        var receivers = new List<int>();
        for (int j = 0; j < p; j++)
        {
            var values = StepColumns.NumericColumn(data, _columns[j], KindName).Span;
            for (int i = 0; i < n; i++)
            {
                x[(i * p) + j] = values[i];
                if (double.IsNaN(values[i]) && _donors[j] > 0)
                {
                    outputs[j] ??= values.ToArray();
                }
            }
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < p; j++)
            {
                if (double.IsNaN(x[(i * p) + j]) && _donors[j] > 0)
                {
                    receivers.Add(i);
                    break;
                }
            }
        }

        Parallel.For(0, receivers.Count, () => new Search(_rows, Neighbors), (r, _, search) =>
        {
            Impute(receivers[r], x, outputs, search);
            return search;
        }, _ => { });

        var replacements = new Dictionary<string, TabularColumn[]>(StringComparer.Ordinal);
        for (int j = 0; j < p; j++)
        {
            if (_donors[j] == 0)
            {
                replacements[_columns[j]] = KeepEmptyFeatures ? [NumericColumn.Own(_columns[j], new double[n])] : [];
            }
            else if (outputs[j] is { } imputed)
            {
                replacements[_columns[j]] = [NumericColumn.Own(_columns[j], imputed)];
            }
        }

        return StepColumns.Replace(data, replacements, MissingIndicators.Build(data, _indicators, KindName));
    }

    /// <inheritdoc/>
    public JsonObject ToJson() => new()
    {
        ["kind"] = KindName,
        ["columns"] = FittedJson.Strings(_columns),
        ["n_neighbors"] = Neighbors,
        ["weights"] = Weights.ToString(),
        ["keep_empty_features"] = KeepEmptyFeatures,
        ["indicators"] = FittedJson.Strings(_indicators),
        ["rows"] = _rows,
        ["fit_x"] = FittedJson.Numbers(_fit),
    };

    internal static FittedKnnImputer FromJson(JsonObject json)
    {
        var columns = FittedJson.ReadNames(json, "columns");
        int rows = FittedJson.Read<int>(json, "rows");
        return new(
            columns,
            rows,
            FittedJson.ReadNumbers(json, "fit_x", rows * columns.Length),
            FittedJson.Read<int>(json, "n_neighbors"),
            Enum.Parse<KnnWeighting>(FittedJson.Read<string>(json, "weights")),
            FittedJson.Read<bool>(json, "keep_empty_features"),
            FittedJson.ReadNames(json, "indicators"));
    }

    /// <summary>Imputes the missing cells of one row (writing only that row of <paramref name="outputs"/>).</summary>
    private void Impute(int row, double[] x, double[]?[] outputs, Search search)
    {
        int p = _columns.Length;
        var xi = x.AsSpan(row * p, p);
        var distances = search.Distances;
        for (int t = 0; t < _rows; t++)
        {
            var y = _fit.AsSpan(t * p, p);
            double sum = 0;
            int both = 0;
            for (int f = 0; f < p; f++)
            {
                double d = xi[f] - y[f];
                if (!double.IsNaN(d))
                {
                    sum += d * d;
                    both++;
                }
            }

            distances[t] = both == 0 ? double.NaN : Math.Sqrt(sum / both * p);
        }

        for (int j = 0; j < p; j++)
        {
            if (double.IsNaN(xi[j]) && _donors[j] > 0)
            {
                outputs[j]![row] = Neighbour(j, search);
            }
        }
    }

    /// <summary>The weighted mean of column <paramref name="j"/> over the nearest training rows where it is present.</summary>
    private double Neighbour(int j, Search search)
    {
        int p = _columns.Length, k = Math.Min(Neighbors, _donors[j]), count = 0;
        var distances = search.Distances;
        var bestDistance = search.BestDistance;
        var bestValue = search.BestValue;
        for (int t = 0; t < _rows; t++)
        {
            double value = _fit[(t * p) + j];
            if (double.IsNaN(value))
            {
                continue;
            }

            double d = distances[t];
            if (count == k && !Nearer(d, bestDistance[k - 1]))
            {
                continue;
            }

            int at = count == k ? k - 1 : count++;
            while (at > 0 && Nearer(d, bestDistance[at - 1]))
            {
                bestDistance[at] = bestDistance[at - 1];
                bestValue[at] = bestValue[at - 1];
                at--;
            }

            bestDistance[at] = d;
            bestValue[at] = value;
        }

        if (double.IsNaN(bestDistance[0]))
        {
            return _means[j];
        }

        if (Weights == KnnWeighting.Uniform)
        {
            double sum = 0;
            for (int m = 0; m < k; m++)
            {
                sum += bestValue[m];
            }

            return sum / k;
        }

        bool exact = bestDistance[0] == 0;
        double weighted = 0, total = 0;
        for (int m = 0; m < k; m++)
        {
            double d = bestDistance[m];
            double w = exact ? (d == 0 ? 1.0 : 0.0) : double.IsNaN(d) ? 0.0 : 1.0 / d;
            weighted += w * bestValue[m];
            total += w;
        }

        return weighted / total;
    }

    /// <summary>Whether distance a comes strictly before b (NaN after every number).</summary>
    private static bool Nearer(double a, double b) => !double.IsNaN(a) && (double.IsNaN(b) || a < b);

    /// <summary>Per-thread buffers.</summary>
    private sealed class Search(int rows, int neighbors)
    {
        public double[] Distances { get; } = new double[rows];

        public double[] BestDistance { get; } = new double[neighbors];

        public double[] BestValue { get; } = new double[neighbors];
    }
}
