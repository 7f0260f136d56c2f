namespace MultiTask.Tabular.FeatureSelection;

/// <summary>Validates one task's inputs for a score function and computes the scores (shared by <see cref="ScoreFunctions"/> and <see cref="FeatureScorer"/>).</summary>
internal static class ScoreComputation
{
    public static bool IsClassification(ScoreFunction function) => function switch
    {
        ScoreFunction.FClassif or ScoreFunction.Chi2 or ScoreFunction.MutualInfoClassification => true,
        ScoreFunction.FRegression or ScoreFunction.MutualInfoRegression => false,
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown score function."),
    };

    /// <summary>Scores features against class labels.</summary>
    /// <param name="function">A classification score function.</param>
    /// <param name="x">The features of the task's rows.</param>
    /// <param name="labels">One label (≥ 0) per row of <paramref name="x"/>.</param>
    /// <param name="target">Names the target in messages, e.g. "task 'y'".</param>
    /// <param name="neighbors">k of the mutual-information estimator.</param>
    /// <param name="seed">Seed of the mutual-information jitter.</param>
    public static FeatureScores Classification(ScoreFunction function, FeatureMatrix x, IReadOnlyList<int> labels, string target, int neighbors, int seed)
    {
        if (!IsClassification(function))
        {
            throw new ArgumentException($"{Capitalize(target)} has class labels, but {function} scores a regression target; use FClassif, Chi2 or MutualInfoClassification.");
        }

        RequireRows(x, labels.Count, target);
        string context = $"{function} for {target}";
        var encoding = ClassEncoding.Encode(labels);
        int n = x.RowCount;
        if (encoding.ClassCount < 2)
        {
            throw new ArgumentException($"{Capitalize(target)} has a single class ({encoding.Classes.FirstOrDefault()}) among its {n} labelled rows; {function} needs at least two classes.");
        }

        switch (function)
        {
            case ScoreFunction.FClassif:
                if (n <= encoding.ClassCount)
                {
                    throw new ArgumentException($"{Capitalize(target)} has {n} labelled rows in {encoding.ClassCount} classes; FClassif needs more rows than classes (within-class degrees of freedom n − C ≥ 1).");
                }

                return UnivariateStatistics.FClassif(x, encoding, context);

            case ScoreFunction.Chi2:
                return UnivariateStatistics.Chi2(x, encoding, context);

            default:
                RequireNeighbors(neighbors);
                x.RequireComplete(context);
                if (encoding.Counts.All(c => c < 2))
                {
                    throw new ArgumentException($"Every class of {target} has a single labelled row; MutualInfoClassification needs a class with at least two rows.");
                }

                return new FeatureScores(MutualInformation.Classification(x, encoding, neighbors, seed), null);
        }
    }

    /// <summary>Scores features against a real-valued target.</summary>
    /// <param name="function">A regression score function.</param>
    /// <param name="x">The features of the task's rows.</param>
    /// <param name="y">One finite value per row of <paramref name="x"/>.</param>
    /// <param name="target">Names the target in messages, e.g. "task 'y'".</param>
    /// <param name="neighbors">k of the mutual-information estimator.</param>
    /// <param name="seed">Seed of the mutual-information jitter.</param>
    public static FeatureScores Regression(ScoreFunction function, FeatureMatrix x, double[] y, string target, int neighbors, int seed)
    {
        if (IsClassification(function))
        {
            throw new ArgumentException($"{Capitalize(target)} is a regression target, but {function} needs class labels; use FRegression or MutualInfoRegression.");
        }

        RequireRows(x, y.Length, target);
        string context = $"{function} for {target}";
        RequireFinite(y, target);
        int n = x.RowCount;
        if (function == ScoreFunction.FRegression)
        {
            if (n < 3)
            {
                throw new ArgumentException($"{Capitalize(target)} has {n} labelled rows; FRegression needs at least 3 (n − 2 degrees of freedom).");
            }

            return UnivariateStatistics.FRegression(x, y, center: true, forceFinite: true, context);
        }

        RequireNeighbors(neighbors);
        x.RequireComplete(context);
        if (n <= neighbors)
        {
            throw new ArgumentException($"{Capitalize(target)} has {n} labelled rows; MutualInfoRegression with {neighbors} neighbours needs at least {neighbors + 1}.");
        }

        return new FeatureScores(MutualInformation.Regression(x, y, neighbors, seed), null);
    }

    public static void RequireRows(FeatureMatrix x, int targetRows, string target)
    {
        if (targetRows != x.RowCount)
        {
            throw new ArgumentException($"{Capitalize(target)} has {targetRows} rows; the features have {x.RowCount}.");
        }

        if (targetRows == 0)
        {
            throw new ArgumentException($"{Capitalize(target)} has no rows; scoring features needs labelled rows.");
        }
    }

    public static void RequireFinite(double[] y, string target)
    {
        int bad = Array.FindIndex(y, v => !double.IsFinite(v));
        if (bad >= 0)
        {
            throw new ArgumentException($"{Capitalize(target)} has {y[bad].ToString(System.Globalization.CultureInfo.InvariantCulture)} at row {bad}; targets must be finite (leave unlabelled rows out).");
        }
    }

    public static void RequireLabels(IReadOnlyList<int> labels, string target)
    {
        for (int i = 0; i < labels.Count; i++)
        {
            if (labels[i] < 0)
            {
                throw new ArgumentException($"{Capitalize(target)} has label {labels[i]} at row {i}; class labels are ≥ 0 (for unlabelled rows use a SelectionTarget with a selector, which leaves them out).");
            }
        }
    }

    public static void RequireNeighbors(int neighbors)
    {
        if (neighbors < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(neighbors), neighbors, "The mutual-information estimator needs at least one neighbour.");
        }
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
