using System.Globalization;

namespace MultiTask.Tabular.Splitting;

/// <summary>The train / validation / test splits and K-fold indices behind <see cref="TabularData.Split"/> and <see cref="TabularData.KFold"/>.</summary>
internal static class RowSplits
{
    internal static TableSplit Split(TabularData table, TableSplitOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireOneOf(options.StratifyBy, options.GroupBy, nameof(TableSplitOptions));
        if (options.ValidationFraction + options.TestFraction >= 1)
        {
            throw new ArgumentException(Format($"ValidationFraction ({options.ValidationFraction}) + TestFraction ({options.TestFraction}) must be below 1 so that rows remain for training."), nameof(options));
        }

        var random = new Random(options.Seed);
        var part = options switch
        {
            { GroupBy: { } group } => GroupedParts(table[group], options, random),
            { StratifyBy: { } stratify } => StratifiedParts(ColumnCodes.ByFirstAppearance(table[stratify]), options, random),
            _ => RandomParts(table.RowCount, options, random),
        };

        var rows = Enumerable.Range(0, 3).Select(p => Enumerable.Range(0, table.RowCount).Where(i => part[i] == p).ToArray()).ToArray();
        return new TableSplit(table, rows[Train], options.ValidationFraction > 0 ? rows[Validation] : null, rows[Test]);
    }

    internal static TableFold[] Folds(TabularData table, KFoldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        RequireOneOf(options.StratifyBy, options.GroupBy, nameof(KFoldOptions));
        if (options.GroupBy is not null && options.Shuffle)
        {
            throw new ArgumentException("Shuffle cannot be combined with GroupBy: grouped folds (scikit-learn's GroupKFold) are deterministic; set Shuffle = false.", nameof(options));
        }

        int n = table.RowCount;
        int folds = options.Folds;
        if (folds > n)
        {
            throw new ArgumentException($"Folds = {folds} exceeds the {n} rows; use at most {n} folds.", nameof(options));
        }

        var random = options.Shuffle ? new Random(options.Seed) : null;
        int[] testFold;
        if (options.GroupBy is { } group)
        {
            var (codes, groups) = ColumnCodes.Sorted(table[group], "group");
            if (groups < folds)
            {
                throw new ArgumentException($"Column '{group}' has {groups} groups, fewer than Folds = {folds}; every fold needs a group.", nameof(options));
            }

            testFold = RowFolds.Grouped(codes, groups, folds);
        }
        else if (options.StratifyBy is { } stratify)
        {
            var (codes, classes) = ColumnCodes.ByFirstAppearance(table[stratify]);
            testFold = RowFolds.Stratified(codes, classes, folds, random)
                ?? throw new ArgumentException($"Column '{stratify}': every class has fewer rows than Folds = {folds}; stratified folds cannot be formed. Use fewer folds.", nameof(options));
        }
        else
        {
            testFold = RowFolds.KFold(n, folds, random);
        }

        return Enumerable.Range(0, folds).Select(f =>
        {
            var (train, test) = RowFolds.Rows(testFold, f);
            return new TableFold(train, test);
        }).ToArray();
    }

    private const int Train = 0;
    private const int Validation = 1;
    private const int Test = 2;

    /// <summary>The part of every row: a shuffled order, whose first ⌈test · n⌉ rows are test, the next ⌈validation · n⌉ validation.</summary>
    private static int[] RandomParts(int n, TableSplitOptions options, Random random, string units = "rows")
    {
        var (test, validation) = Sizes(n, options, units);
        var order = Enumerable.Range(0, n).ToArray();
        random.Shuffle(order);
        var part = new int[n];
        for (int k = 0; k < n; k++)
        {
            part[order[k]] = k < test ? Test : k < test + validation ? Validation : Train;
        }

        return part;
    }

    /// <summary>Whole groups: the groups in shuffled order, the first ⌈test · groups⌉ to test, the next ⌈validation · groups⌉ to validation.</summary>
    private static int[] GroupedParts(TabularColumn column, TableSplitOptions options, Random random)
    {
        var (codes, groups) = ColumnCodes.Sorted(column, "group");
        var groupPart = RandomParts(groups, options, random, $"groups of '{column.Name}'");
        return Array.ConvertAll(codes, g => groupPart[g]);
    }

    /// <summary>
    /// Each class's rows in shuffled order: the first test_c to test, the next validation_c to validation, where the
    /// per-class counts share the part sizes in proportion to the class sizes (largest remainders first; see <see cref="Apportion"/>).
    /// </summary>
    private static int[] StratifiedParts((int[] Codes, int Count) classes, TableSplitOptions options, Random random)
    {
        var (codes, count) = classes;
        int n = codes.Length;
        var (test, validation) = Sizes(n, options, "rows");
        var sizes = new int[count];
        foreach (int c in codes)
        {
            sizes[c]++;
        }

        var testPerClass = Apportion(test, sizes);
        var validationPerClass = Apportion(validation, sizes.Select((s, c) => s - testPerClass[c]).ToArray());
        var part = new int[n];
        for (int c = 0; c < count; c++)
        {
            var rows = Enumerable.Range(0, n).Where(i => codes[i] == c).ToArray();
            random.Shuffle(rows);
            for (int k = 0; k < rows.Length; k++)
            {
                part[rows[k]] = k < testPerClass[c] ? Test : k < testPerClass[c] + validationPerClass[c] ? Validation : Train;
            }
        }

        return part;
    }

    /// <summary>
    /// Shares <paramref name="total"/> among classes in proportion to <paramref name="sizes"/> (Hamilton's largest
    /// remainder method, as scikit-learn's <c>_approximate_mode</c> with ties to the earlier class): each class gets
    /// ⌊total · size / Σsize⌋, and the rest go one each to the classes with the largest fractional parts.
    /// </summary>
    internal static int[] Apportion(int total, int[] sizes)
    {
        long sum = sizes.Sum(s => (long)s);
        var shares = new int[sizes.Length];
        if (total == 0 || sum == 0)
        {
            return shares;
        }

        var remainders = new long[sizes.Length];
        for (int c = 0; c < sizes.Length; c++)
        {
            long exact = (long)total * sizes[c];
            shares[c] = (int)(exact / sum);
            remainders[c] = exact % sum;
        }

        int left = total - shares.Sum();
        foreach (int c in Enumerable.Range(0, sizes.Length).OrderByDescending(c => remainders[c]).ThenBy(c => c).Take(left))
        {
            shares[c]++;
        }

        return shares;
    }

    /// <summary>The test and validation sizes: ⌈fraction · n⌉ each, leaving at least one training unit.</summary>
    private static (int Test, int Validation) Sizes(int n, TableSplitOptions options, string units)
    {
        int test = (int)Math.Ceiling(options.TestFraction * n);
        int validation = (int)Math.Ceiling(options.ValidationFraction * n);
        if (n - test - validation < 1)
        {
            throw new ArgumentException(Format($"The test ({test}) and validation ({validation}) parts leave no training {units} out of {n}; use smaller fractions or more {units}."), nameof(options));
        }

        return (test, validation);
    }

    private static void RequireOneOf(string? stratifyBy, string? groupBy, string optionsType)
    {
        if (stratifyBy is not null && groupBy is not null)
        {
            throw new ArgumentException($"{optionsType}: StratifyBy ('{stratifyBy}') and GroupBy ('{groupBy}') cannot both be set; choose one.", "options");
        }
    }

    private static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);
}
