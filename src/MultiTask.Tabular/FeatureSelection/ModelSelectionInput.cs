using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection.Linear;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// The checked input of a model-based selector: the features as a column-major matrix and, per task, the labelled
/// rows with their features and targets (rows without a label are left out of that task only).
/// </summary>
internal sealed class ModelSelectionInput
{
    private ModelSelectionInput(ColumnMatrix x, string[] names, TaskRows[] tasks)
    {
        X = x;
        Names = names;
        Tasks = tasks;
    }

    internal ColumnMatrix X { get; }

    internal string[] Names { get; }

    internal TaskRows[] Tasks { get; }

    /// <summary>One task's labelled rows: positions in the table, their features and their (complete) targets.</summary>
    internal sealed record TaskRows(int[] Rows, ColumnMatrix X, SelectionTarget Target)
    {
        /// <summary>The rows at the given positions of this task's labelled rows.</summary>
        internal (ColumnMatrix X, SelectionTarget Target) Take(int[] positions)
            => (X.TakeRows(positions), Subset(Target, positions));
    }

    /// <summary>Checks and converts the table and targets; messages name the column, row or task.</summary>
    internal static ModelSelectionInput From(TabularData data, IReadOnlyList<SelectionTarget> targets, int minFeatures, string dataParam = "data", string targetsParam = "targets")
    {
        ArgumentNullException.ThrowIfNull(data, dataParam);
        ArgumentNullException.ThrowIfNull(targets, targetsParam);
        var x = Matrix(data, dataParam);
        if (x.Columns < minFeatures)
        {
            throw new ArgumentException($"The table has {x.Columns} feature column(s); this selector needs at least {minFeatures}.", dataParam);
        }

        if (x.Rows == 0)
        {
            throw new ArgumentException("The table has no rows.", dataParam);
        }

        if (targets.Count == 0)
        {
            throw new ArgumentException("At least one target is needed.", targetsParam);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var tasks = new TaskRows[targets.Count];
        for (int t = 0; t < targets.Count; t++)
        {
            var target = targets[t] ?? throw new ArgumentException($"Target {t} is null.", targetsParam);
            if (!names.Add(target.Name))
            {
                throw new ArgumentException($"Task '{target.Name}' appears more than once.", targetsParam);
            }

            if (target.RowCount != x.Rows)
            {
                throw new ArgumentException($"Task '{target.Name}' has {target.RowCount} targets but the table has {x.Rows} rows.", targetsParam);
            }

            if (target.Values is { } values)
            {
                int bad = Enumerable.Range(0, values.Count).FirstOrDefault(i => double.IsInfinity(values[i]), -1);
                if (bad >= 0)
                {
                    throw new ArgumentException($"Task '{target.Name}' holds {values[bad]} at row {bad}; use NaN for a missing value.", targetsParam);
                }
            }

            var rows = target.LabelledRows();
            if (rows.Length == 0)
            {
                throw new ArgumentException($"Task '{target.Name}' has no labelled rows.", targetsParam);
            }

            bool complete = rows.Length == x.Rows;
            tasks[t] = new TaskRows(rows, complete ? x : x.TakeRows(rows), complete ? target : Subset(target, rows));
        }

        return new ModelSelectionInput(x, data.ColumnNames.ToArray(), tasks);
    }

    /// <summary>The table as a column-major matrix; categorical columns and missing values are rejected by name.</summary>
    internal static ColumnMatrix Matrix(TabularData data, string paramName)
    {
        var x = new ColumnMatrix(data.RowCount, data.Columns.Count);
        for (int j = 0; j < data.Columns.Count; j++)
        {
            var column = data.Columns[j] as NumericColumn
                ?? throw new ArgumentException($"Column '{data.Columns[j].Name}' is categorical; model-based feature selection needs numeric features. Encode it first (OneHotEncoder, OrdinalEncoder).", paramName);
            var target = x.Column(j);
            for (int i = 0; i < target.Length; i++)
            {
                double v = column[i];
                if (double.IsNaN(v))
                {
                    throw new ArgumentException($"Column '{column.Name}' is missing a value at row {i}; impute or drop missing values before model-based feature selection.", paramName);
                }

                target[i] = v;
            }
        }

        return x;
    }

    /// <summary>The target at the given rows, in the given order.</summary>
    internal static SelectionTarget Subset(SelectionTarget target, IReadOnlyList<int> rows)
        => target.Values is { } values
            ? SelectionTarget.Regression(target.Name, rows.Select(r => values[r]).ToArray())
            : SelectionTarget.Classification(target.Name, rows.Select(r => target.Labels![r]).ToArray());

    /// <summary>The feature count to keep: an explicit count, a fraction of the features (truncated, as int(n · f)), or half.</summary>
    internal static int FeaturesToKeep(int? count, double? fraction, int features)
        => count ?? (fraction is double f ? (int)(features * f) : features / 2);

    /// <summary>The number of features removed per round: a whole step, or a fraction of the features (at least 1), as scikit-learn's RFE.</summary>
    internal static int StepSize(double step, int features)
        => step < 1 ? (int)Math.Max(1, step * features) : (int)step;

    /// <summary>Checks a step: a fraction in (0, 1) or a whole number ≥ 1.</summary>
    internal static double CheckStep(double step, string paramName)
    {
        bool fraction = step > 0 && step < 1;
        bool whole = step >= 1 && step <= int.MaxValue && Math.Floor(step) == step;
        return fraction || whole ? step : throw new ArgumentOutOfRangeException(paramName, step, "The step is a fraction of the features in (0, 1) or a whole number of features ≥ 1.");
    }

    /// <summary>Checks a fraction of the features in (0, 1].</summary>
    internal static double? CheckFraction(double? fraction, string paramName)
        => fraction is null || (fraction > 0 && fraction <= 1) ? fraction : throw new ArgumentOutOfRangeException(paramName, fraction, "The fraction of features lies in (0, 1].");
}
