namespace MultiTask.Tabular.Splitting;

/// <summary>
/// How <see cref="TabularData.Split"/> divides the rows into training, validation and test parts: at random, stratified
/// on a column (each part keeps the column's class proportions), or grouped by a column (all rows of a group, e.g. one
/// patient, fall in the same part).
/// </summary>
/// <remarks>
/// Rules between properties are checked by <see cref="TabularData.Split"/>: <see cref="ValidationFraction"/> +
/// <see cref="TestFraction"/> must leave training rows, and <see cref="StratifyBy"/> and <see cref="GroupBy"/> cannot
/// both be set.
/// </remarks>
public sealed class TableSplitOptions
{
    /// <summary>
    /// The fraction of rows in the test part, rounded up (as scikit-learn's <c>train_test_split</c>); with
    /// <see cref="GroupBy"/> the fraction of groups (as <c>GroupShuffleSplit</c>). Range: (0, 1). Default: 0.2.
    /// </summary>
    public double TestFraction
    {
        get;
        init => field = value > 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(TestFraction), value, "TestFraction must lie in (0, 1).");
    } = 0.2;

    /// <summary>
    /// The fraction of rows (with <see cref="GroupBy"/>: of groups) in the validation part, rounded up; 0 for no
    /// validation part. Range: [0, 1). Default: 0.
    /// </summary>
    public double ValidationFraction
    {
        get;
        init => field = value >= 0 && value < 1 ? value : throw new ArgumentOutOfRangeException(nameof(ValidationFraction), value, "ValidationFraction must lie in [0, 1).");
    }

    /// <summary>The seed of the shuffle; the same seed gives the same split. Default: 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// The column (e.g. a task's label) whose class proportions every part keeps; a missing value is a class of its
    /// own. Default: null (no stratification).
    /// </summary>
    public string? StratifyBy
    {
        get;
        init => field = OptionChecks.OptionalColumnName(value, nameof(StratifyBy));
    }

    /// <summary>
    /// The column whose groups (e.g. patient ids) are kept together: each group falls in one part. Missing group
    /// values are an error. Default: null (rows are split individually).
    /// </summary>
    public string? GroupBy
    {
        get;
        init => field = OptionChecks.OptionalColumnName(value, nameof(GroupBy));
    }
}
