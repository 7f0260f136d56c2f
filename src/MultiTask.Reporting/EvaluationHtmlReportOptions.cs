using System.Globalization;
using System.Runtime.CompilerServices;
using MultiTask.Interpretability;

namespace MultiTask.Reporting;

/// <summary>
/// Settings of an <see cref="EvaluationHtmlReport"/>. Each setting is checked when it is set: an invalid value throws
/// <see cref="ArgumentOutOfRangeException"/> naming the setting and its range.
/// </summary>
public sealed class EvaluationHtmlReportOptions
{
    private const string Owner = nameof(EvaluationHtmlReportOptions);

    /// <summary>The page title and heading. Not empty. Default: "Evaluation report".</summary>
    public string Title { get; init => field = Require(value, !string.IsNullOrWhiteSpace(value), "a non-empty text"); } = "Evaluation report";

    /// <summary>The width of each plot in pixels. Range: [200, 4000]. Default: 640.</summary>
    public int PlotWidth { get; init => field = Require(value, value is >= 200 and <= 4000, "in [200, 4000]"); } = 640;

    /// <summary>The height of each plot in pixels. Range: [150, 4000]. Default: 480.</summary>
    public int PlotHeight { get; init => field = Require(value, value is >= 150 and <= 4000, "in [150, 4000]"); } = 480;

    /// <summary>
    /// Class names per classification task (task name → one name per class, in class order), for the confusion
    /// matrices; a task not listed shows class numbers. The counts are checked against the tasks when the report is
    /// written. Default: empty.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ClassNames { get; init => field = value ?? throw new ArgumentNullException(nameof(ClassNames)); } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// Permutation importances (from <c>PermutationImportance.Compute</c>) to show per task: a table and a bar plot of
    /// the <see cref="TopFeatures"/> most important features, mean ± standard deviation. Null to leave them out.
    /// Default: null.
    /// </summary>
    public PermutationImportanceReport? Importances { get; init; }

    /// <summary>
    /// Feature names for <see cref="Importances"/>, one per model input in input order (e.g. the column names of the
    /// fitted preprocessing's output); their count is checked against the importances when the report is written.
    /// Null shows "x0", "x1", …. Default: null.
    /// </summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>How many features the importance table and bars show per task. Range: [1, 1000]. Default: 15.</summary>
    public int TopFeatures { get; init => field = Require(value, value is >= 1 and <= 1000, "in [1, 1000]"); } = 15;

    /// <summary>
    /// A task-affinity matrix (from <c>TaskAffinity.Compute</c>) to show as a table and a heat map. Null to leave it
    /// out. Default: null.
    /// </summary>
    public TaskAffinityMatrix? TaskAffinity { get; init; }

    private static T Require<T>(T value, bool ok, string range, [CallerMemberName] string property = "") =>
        ok ? value : throw new ArgumentOutOfRangeException(property, value, string.Create(CultureInfo.InvariantCulture, $"{Owner}.{property} must be {range}; got {value}."));
}
