using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// Applies a step (often a <see cref="Pipeline"/>) to each group of columns and puts the results side by side, as
/// scikit-learn's <c>ColumnTransformer</c>: the groups' outputs in the order the groups were added, then the
/// remainder (columns no group selects) when <see cref="Remainder"/> is <see cref="RemainderPolicy.Passthrough"/>.
/// Each group's step sees only its own columns. A group that selects no column is skipped, as in scikit-learn.
/// </summary>
/// <example>
/// <code>
/// var transformer = new ColumnTransformer()
///     .Add("num", new Pipeline(new SimpleImputer { Strategy = ImputationStrategy.Median }, new StandardScaler()), ColumnKind.Numeric)
///     .Add("cat", new Pipeline(new SimpleImputer { Strategy = ImputationStrategy.MostFrequent }, new OneHotEncoder { HandleUnknown = UnknownCategoryHandling.Ignore }), ColumnKind.Categorical);
/// </code>
/// </example>
public sealed class ColumnTransformer : ITransformEstimator
{
    private readonly Group[] _groups;

    /// <summary>Creates a transformer without groups; add them with <see cref="Add(string, ITransformEstimator, IReadOnlyList{string})"/>.</summary>
    public ColumnTransformer()
    {
        _groups = [];
    }

    private ColumnTransformer(ColumnTransformer source, Group group)
    {
        _groups = [.. source._groups, group];
        Remainder = source.Remainder;
        PrefixOutputNames = source.PrefixOutputNames;
    }

    /// <summary>What happens to the columns that no group selects. Default: <see cref="RemainderPolicy.Drop"/> (scikit-learn's default).</summary>
    public RemainderPolicy Remainder
    {
        get;
        init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Remainder), value, "Unknown remainder policy.");
    } = RemainderPolicy.Drop;

    /// <summary>
    /// Whether output columns are named "&lt;group&gt;__&lt;column&gt;" ("remainder__&lt;column&gt;" for the
    /// remainder), as scikit-learn's verbose_feature_names_out=True. Default: false: the steps' own names, which must not collide.
    /// </summary>
    public bool PrefixOutputNames { get; init; }

    /// <summary>The group names, in order.</summary>
    public IReadOnlyList<string> GroupNames => _groups.Select(g => g.Name).ToArray();

    /// <summary>A transformer with one more group, selected by name.</summary>
    /// <param name="name">The group's name; unique, without "__".</param>
    /// <param name="estimator">The step for the group.</param>
    /// <param name="columns">The group's columns.</param>
    /// <returns>A new transformer; this one is unchanged.</returns>
    public ColumnTransformer Add(string name, ITransformEstimator estimator, params IReadOnlyList<string> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return new ColumnTransformer(this, Check(name, estimator) with { Columns = columns.ToArray() });
    }

    /// <summary>A transformer with one more group: every column of a kind (decided on the training table).</summary>
    /// <param name="name">The group's name; unique, without "__".</param>
    /// <param name="estimator">The step for the group.</param>
    /// <param name="kind">The kind of the group's columns.</param>
    /// <returns>A new transformer; this one is unchanged.</returns>
    public ColumnTransformer Add(string name, ITransformEstimator estimator, ColumnKind kind)
        => Enum.IsDefined(kind)
            ? new(this, Check(name, estimator) with { Kind = kind })
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown column kind.");

    /// <summary>Fits each group's step on its columns of the training table.</summary>
    /// <param name="data">The training table.</param>
    /// <returns>The fitted transformer.</returns>
    /// <exception cref="ArgumentException">A group's column is not in the table; the message names it.</exception>
    /// <exception cref="InvalidOperationException">There is no group.</exception>
    public FittedColumnTransformer Fit(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (_groups.Length == 0)
        {
            throw new InvalidOperationException("A column transformer needs at least one group; call Add.");
        }

        var used = new HashSet<string>(StringComparer.Ordinal);
        var columns = new string[_groups.Length][];
        var steps = new IFittedTransform?[_groups.Length];
        for (int g = 0; g < _groups.Length; g++)
        {
            var group = _groups[g];
            columns[g] = group.Columns is { } names
                ? StepColumns.Any(data, names, $"column transformer's group '{group.Name}'")
                : data.Columns.Where(c => c is NumericColumn == (group.Kind == ColumnKind.Numeric)).Select(c => c.Name).ToArray();
            steps[g] = columns[g].Length == 0 ? null : group.Estimator.Fit(data.Select(columns[g]));
            used.UnionWith(columns[g]);
        }

        var remainder = Remainder == RemainderPolicy.Passthrough ? data.ColumnNames.Where(n => !used.Contains(n)).ToArray() : [];
        return new FittedColumnTransformer(_groups.Select(g => g.Name).ToArray(), columns, steps, remainder, PrefixOutputNames);
    }

    IFittedTransform ITransformEstimator.Fit(TabularData data) => Fit(data);

    private Group Check(string name, ITransformEstimator estimator)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(estimator);
        if (name.Contains("__", StringComparison.Ordinal) || name == "remainder" || _groups.Any(g => g.Name == name))
        {
            throw new ArgumentException($"Group name '{name}' is taken, reserved or contains \"__\".", nameof(name));
        }

        return new Group(name, estimator, null, ColumnKind.Numeric);
    }

    private sealed record Group(string Name, ITransformEstimator Estimator, string[]? Columns, ColumnKind Kind);
}
