namespace MultiTask.Training;

/// <summary>Accumulates one epoch's steps: label-weighted mean losses, mean task weights and mean gradient cosines.</summary>
internal sealed class EpochTotals
{
    private readonly double[] _lossSums;
    private readonly double[] _labelCounts;
    private readonly double[] _weightSums;
    private double[,]? _cosineSums;
    private int _steps;
    private int _measured;

    internal EpochTotals(int taskCount)
    {
        _lossSums = new double[taskCount];
        _labelCounts = new double[taskCount];
        _weightSums = new double[taskCount];
    }

    /// <summary>Mean loss per task over the epoch's labelled rows; NaN for a task without labels.</summary>
    internal double[] Losses => _lossSums.Select((s, t) => _labelCounts[t] > 0 ? s / _labelCounts[t] : double.NaN).ToArray();

    /// <summary>Mean weight per task over the epoch's steps.</summary>
    internal double[] Weights => _weightSums.Select(w => _steps > 0 ? w / _steps : double.NaN).ToArray();

    /// <summary>Mean pairwise gradient cosine over the measured steps; null when none was measured.</summary>
    internal IReadOnlyList<IReadOnlyList<double>>? Cosines
    {
        get
        {
            if (_cosineSums is null)
            {
                return null;
            }

            int n = _cosineSums.GetLength(0);
            return Enumerable.Range(0, n).Select(i => (IReadOnlyList<double>)Enumerable.Range(0, n).Select(j => _cosineSums[i, j] / _measured).ToArray()).ToArray();
        }
    }

    internal void Add(StepOutcome outcome, double[][]? cosines)
    {
        for (int t = 0; t < _lossSums.Length; t++)
        {
            _lossSums[t] += outcome.Losses[t] * outcome.LabelCounts[t];
            _labelCounts[t] += outcome.LabelCounts[t];
            _weightSums[t] += outcome.Weights[t];
        }

        _steps++;
        if (cosines is not null)
        {
            int n = cosines.Length;
            _cosineSums ??= new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    _cosineSums[i, j] += cosines[i][j];
                }
            }

            _measured++;
        }
    }
}
