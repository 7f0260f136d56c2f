namespace MultiTask.Tabular.Splitting;

/// <summary>
/// How <see cref="TabularData.KFold"/> cuts the rows into folds — scikit-learn 1.2's <c>KFold</c>, <c>StratifiedKFold</c>
/// (with <see cref="StratifyBy"/>) or <c>GroupKFold</c> (with <see cref="GroupBy"/>); without shuffling the folds are
/// exactly scikit-learn's.
/// </summary>
/// <remarks>
/// Rules between properties are checked by <see cref="TabularData.KFold"/>: <see cref="StratifyBy"/> and
/// <see cref="GroupBy"/> cannot both be set, and <see cref="Shuffle"/> cannot be combined with <see cref="GroupBy"/>
/// (scikit-learn's GroupKFold does not shuffle).
/// </remarks>
public sealed class KFoldOptions
{
    /// <summary>The number of folds (scikit-learn's <c>n_splits</c>). Range: ≥ 2. Default: 5.</summary>
    public int Folds
    {
        get;
        init => field = value >= 2 ? value : throw new ArgumentOutOfRangeException(nameof(Folds), value, "Folds must be ≥ 2.");
    } = 5;

    /// <summary>
    /// Whether rows are shuffled before folding (KFold) or each class's fold assignment is shuffled (StratifiedKFold),
    /// reproducibly for <see cref="Seed"/>. Default: false (scikit-learn's folds exactly).
    /// </summary>
    public bool Shuffle { get; init; }

    /// <summary>The seed of the shuffle; used only with <see cref="Shuffle"/>. Default: 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// The column (e.g. a task's label) whose class proportions every fold keeps (StratifiedKFold); a missing value is
    /// a class of its own. Default: null (plain KFold).
    /// </summary>
    public string? StratifyBy
    {
        get;
        init => field = OptionChecks.OptionalColumnName(value, nameof(StratifyBy));
    }

    /// <summary>
    /// The column whose groups (e.g. patient ids) never straddle folds (GroupKFold: the largest groups first, each to
    /// the fold with the fewest rows). Missing group values are an error. Default: null.
    /// </summary>
    public string? GroupBy
    {
        get;
        init => field = OptionChecks.OptionalColumnName(value, nameof(GroupBy));
    }
}
