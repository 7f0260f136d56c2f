using System.Globalization;
using System.Runtime.CompilerServices;

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

    private static T Require<T>(T value, bool ok, string range, [CallerMemberName] string property = "") =>
        ok ? value : throw new ArgumentOutOfRangeException(property, value, string.Create(CultureInfo.InvariantCulture, $"{Owner}.{property} must be {range}; got {value}."));
}
