using MultiTask.Tabular.Splitting;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// scikit-learn 1.2's unshuffled cross-validation splitters, chosen as <c>check_cv(cv, y, classifier)</c> does:
/// StratifiedKFold for a classifier on class labels, KFold otherwise. Indices are positions in the task's labelled rows;
/// train and test indices are ascending, as scikit-learn yields them.
/// </summary>
internal static class SelectionFolds
{
    internal readonly record struct Split(int[] Train, int[] Test);

    /// <summary>The folds of one task's labelled rows.</summary>
    internal static Split[] For(SelectionTarget target, bool classifier, int folds, string paramName)
    {
        int n = target.RowCount;
        if (n < folds)
        {
            throw new ArgumentException($"Task '{target.Name}' has {n} labelled rows, fewer than the {folds} cross-validation folds; use at most {n} folds or more rows.", paramName);
        }

        return classifier && target.Labels is not null
            ? Stratified(target.Labels, folds, target.Name, paramName)
            : ToSplits(RowFolds.KFold(n, folds, shuffle: null), folds);
    }

    /// <summary>KFold(n_splits=folds): contiguous test blocks, the first n mod folds one row longer.</summary>
    internal static Split[] KFold(int n, int folds) => ToSplits(RowFolds.KFold(n, folds, shuffle: null), folds);

    /// <summary>StratifiedKFold(n_splits=folds) without shuffling (see <see cref="RowFolds.Stratified"/>).</summary>
    internal static Split[] Stratified(IReadOnlyList<int> labels, int folds, string task, string paramName)
    {
        var (encoded, classes) = ColumnCodes.ByFirstAppearance(labels);
        var testFold = RowFolds.Stratified(encoded, classes, folds, shuffle: null)
            ?? throw new ArgumentException($"Task '{task}': every class has fewer rows than the {folds} cross-validation folds (the largest has {encoded.GroupBy(c => c).Max(g => g.Count())}); stratified folds cannot be formed. Use fewer folds.", paramName);
        return ToSplits(testFold, folds);
    }

    private static Split[] ToSplits(int[] testFold, int folds)
    {
        var splits = new Split[folds];
        for (int f = 0; f < folds; f++)
        {
            var (train, test) = RowFolds.Rows(testFold, f);
            splits[f] = new Split(train, test);
        }

        return splits;
    }
}
