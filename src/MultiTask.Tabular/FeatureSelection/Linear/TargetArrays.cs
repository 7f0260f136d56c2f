namespace MultiTask.Tabular.FeatureSelection.Linear;

/// <summary>Reads targets and checks their shapes, with messages that name the parameter.</summary>
internal static class TargetArrays
{
    /// <summary>A target as real values: regression values, or class labels as numbers (scikit-learn regressors treat labels so).</summary>
    internal static double[] Values(SelectionTarget target, int rows, string paramName)
    {
        ArgumentNullException.ThrowIfNull(target, paramName);
        CheckCount(target.RowCount, rows, paramName);
        var values = target.Values is { } v ? v.ToArray() : target.Labels!.Select(l => (double)l).ToArray();
        CheckValues(values, target, paramName);
        return values;
    }

    /// <summary>A classification target's labels.</summary>
    internal static int[] Labels(SelectionTarget target, int rows, string estimator, string paramName)
    {
        ArgumentNullException.ThrowIfNull(target, paramName);
        CheckCount(target.RowCount, rows, paramName);
        if (target.Labels is null)
        {
            throw new ArgumentException($"{estimator} needs a classification target; task '{target.Name}' is a regression target.", paramName);
        }

        var labels = target.Labels.ToArray();
        int missing = Array.IndexOf(labels, TaskSpec.MissingClass);
        if (missing >= 0)
        {
            throw new ArgumentException($"Task '{target.Name}' is missing its label at row {missing}; pass only labelled rows.", paramName);
        }

        return labels;
    }

    /// <summary>Real values given directly.</summary>
    internal static double[] Values(IReadOnlyList<double> y, int rows, string paramName)
    {
        ArgumentNullException.ThrowIfNull(y, paramName);
        CheckCount(y.Count, rows, paramName);
        var values = y.ToArray();
        int bad = Array.FindIndex(values, v => !double.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException($"The target holds {values[bad]} at row {bad}; every value must be finite.", paramName);
        }

        return values;
    }

    internal static void CheckCount(int count, int rows, string paramName)
    {
        if (count != rows)
        {
            throw new ArgumentException($"The target has {count} rows but the features have {rows}.", paramName);
        }

        if (rows == 0)
        {
            throw new ArgumentException("At least one row is needed.", paramName);
        }
    }

    private static void CheckValues(double[] values, SelectionTarget target, string paramName)
    {
        int bad = Array.FindIndex(values, v => !double.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException($"Task '{target.Name}' holds {values[bad]} at row {bad}; pass only labelled rows with finite values.", paramName);
        }

        if (target.Labels is not null)
        {
            int missing = Array.IndexOf(values, (double)TaskSpec.MissingClass);
            if (missing >= 0)
            {
                throw new ArgumentException($"Task '{target.Name}' is missing its label at row {missing}; pass only labelled rows.", paramName);
            }
        }
    }
}
