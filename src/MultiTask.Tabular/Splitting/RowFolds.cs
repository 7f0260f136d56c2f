using MultiTask.Tabular.FeatureSelection;

namespace MultiTask.Tabular.Splitting;

/// <summary>
/// scikit-learn 1.2's K-fold splitters over row positions: KFold, StratifiedKFold and GroupKFold. Each fold's train
/// and test rows are ascending, as scikit-learn yields them (it builds both from a boolean test mask).
/// </summary>
internal static class RowFolds
{
    /// <summary>The test fold of every row under KFold(n_splits=folds, shuffle): contiguous blocks of the (shuffled) row order, the first n mod folds one row longer.</summary>
    internal static int[] KFold(int n, int folds, Random? shuffle)
    {
        var order = Enumerable.Range(0, n).ToArray();
        shuffle?.Shuffle(order);
        var testFold = new int[n];
        int start = 0;
        for (int f = 0; f < folds; f++)
        {
            int size = (n / folds) + (f < n % folds ? 1 : 0);
            for (int i = start; i < start + size; i++)
            {
                testFold[order[i]] = f;
            }

            start += size;
        }

        return testFold;
    }

    /// <summary>
    /// The test fold of every row under StratifiedKFold(n_splits=folds): <paramref name="codes"/> number the classes
    /// by first appearance; the per-fold allocation is a round robin over the sorted codes, and each class's rows take
    /// their folds in row order (shuffled per class, as scikit-learn's <c>rng.shuffle(folds_for_class)</c>, when asked).
    /// </summary>
    /// <returns>The folds, or null when every class has fewer rows than folds (scikit-learn's error).</returns>
    internal static int[]? Stratified(int[] codes, int classes, int folds, Random? shuffle)
    {
        int n = codes.Length;
        var counts = new int[classes];
        foreach (int c in codes)
        {
            counts[c]++;
        }

        if (counts.All(c => c < folds))
        {
            return null;
        }

        var sorted = (int[])codes.Clone();
        Array.Sort(sorted);
        var allocation = new int[folds, classes];
        for (int i = 0; i < n; i++)
        {
            allocation[i % folds, sorted[i]]++;
        }

        var testFold = new int[n];
        for (int c = 0; c < classes; c++)
        {
            var foldsForClass = new int[counts[c]];
            int k = 0;
            for (int f = 0; f < folds; f++)
            {
                for (int r = 0; r < allocation[f, c]; r++)
                {
                    foldsForClass[k++] = f;
                }
            }

            shuffle?.Shuffle(foldsForClass);
            k = 0;
            for (int i = 0; i < n; i++)
            {
                if (codes[i] == c)
                {
                    testFold[i] = foldsForClass[k++];
                }
            }
        }

        return testFold;
    }

    /// <summary>
    /// The test fold of every row under GroupKFold(n_splits=folds): groups (numbered in sorted order, as
    /// <c>np.unique</c>) are taken largest first (the reverse of numpy's argsort of the group sizes) and each goes to
    /// the fold with the fewest rows so far (the first such fold on a tie).
    /// </summary>
    internal static int[] Grouped(int[] groupCodes, int groups, int folds)
    {
        var sizes = new double[groups];
        foreach (int g in groupCodes)
        {
            sizes[g]++;
        }

        var order = NumpyArgsort.ArgSort(sizes);
        Array.Reverse(order);
        var foldRows = new double[folds];
        var groupFold = new int[groups];
        foreach (int g in order)
        {
            int lightest = 0;
            for (int f = 1; f < folds; f++)
            {
                if (foldRows[f] < foldRows[lightest])
                {
                    lightest = f;
                }
            }

            foldRows[lightest] += sizes[g];
            groupFold[g] = lightest;
        }

        return Array.ConvertAll(groupCodes, g => groupFold[g]);
    }

    /// <summary>The ascending train and test rows of fold <paramref name="fold"/>.</summary>
    internal static (int[] Train, int[] Test) Rows(int[] testFold, int fold)
    {
        var train = new List<int>(testFold.Length);
        var test = new List<int>();
        for (int i = 0; i < testFold.Length; i++)
        {
            (testFold[i] == fold ? test : train).Add(i);
        }

        return (train.ToArray(), test.ToArray());
    }
}
