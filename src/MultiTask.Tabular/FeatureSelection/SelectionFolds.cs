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
        int n = target.Count;
        if (n < folds)
        {
            throw new ArgumentException($"Task '{target.Name}' has {n} labelled rows, fewer than the {folds} cross-validation folds; use at most {n} folds or more rows.", paramName);
        }

        return classifier && target.Labels is not null
            ? Stratified(target.Labels, folds, target.Name, paramName)
            : KFold(n, folds);
    }

    /// <summary>KFold(n_splits=folds): contiguous test blocks, the first n mod folds one row longer.</summary>
    internal static Split[] KFold(int n, int folds)
    {
        var splits = new Split[folds];
        int start = 0;
        for (int f = 0; f < folds; f++)
        {
            int size = (n / folds) + (f < n % folds ? 1 : 0);
            var test = Enumerable.Range(start, size).ToArray();
            var train = Enumerable.Range(0, start).Concat(Enumerable.Range(start + size, n - start - size)).ToArray();
            splits[f] = new Split(train, test);
            start += size;
        }

        return splits;
    }

    /// <summary>
    /// StratifiedKFold(n_splits=folds) without shuffling: classes are numbered by first appearance, the per-fold
    /// allocation is a round robin over the sorted codes, and each class's rows go to folds in row order.
    /// </summary>
    internal static Split[] Stratified(IReadOnlyList<int> labels, int folds, string task, string paramName)
    {
        int n = labels.Count;
        var code = new Dictionary<int, int>();
        var encoded = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (!code.TryGetValue(labels[i], out int c))
            {
                c = code.Count;
                code[labels[i]] = c;
            }

            encoded[i] = c;
        }

        int classes = code.Count;
        var counts = new int[classes];
        foreach (int c in encoded)
        {
            counts[c]++;
        }

        if (counts.All(c => c < folds))
        {
            throw new ArgumentException($"Task '{task}': every class has fewer rows than the {folds} cross-validation folds (the largest has {counts.Max()}); stratified folds cannot be formed. Use fewer folds.", paramName);
        }

        var sorted = (int[])encoded.Clone();
        Array.Sort(sorted);
        var allocation = new int[folds, classes];
        for (int i = 0; i < n; i++)
        {
            allocation[i % folds, sorted[i]]++;
        }

        var testFold = new int[n];
        for (int c = 0; c < classes; c++)
        {
            int fold = 0, used = 0;
            for (int i = 0; i < n; i++)
            {
                if (encoded[i] != c)
                {
                    continue;
                }

                while (used == allocation[fold, c])
                {
                    fold++;
                    used = 0;
                }

                testFold[i] = fold;
                used++;
            }
        }

        var splits = new Split[folds];
        for (int f = 0; f < folds; f++)
        {
            splits[f] = new Split(
                Enumerable.Range(0, n).Where(i => testFold[i] != f).ToArray(),
                Enumerable.Range(0, n).Where(i => testFold[i] == f).ToArray());
        }

        return splits;
    }
}
