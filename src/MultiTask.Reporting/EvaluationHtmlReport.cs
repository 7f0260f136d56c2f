using System.Globalization;
using System.Net;
using System.Text;
using MultiTask.Evaluation;
using MultiTask.Interpretability;
using MultiTask.Training;

namespace MultiTask.Reporting;

/// <summary>
/// One self-contained HTML page for an evaluation: per task a table of its loss and metrics (numbers with four
/// decimals, invariant culture) and its per-class metrics, the training curves when a history is given, and for each
/// classification task its confusion matrix, plus ROC, precision–recall and calibration curves for a binary task, and
/// the multi-task gain Δm (a table and <see cref="BarPlots.DeltaM"/>) when given, and, when the options carry them,
/// permutation importances per task (table and bars) and a task-affinity matrix (table and heat map). Plots are PNG images (by default
/// 640 × 480) inlined as base64 <c>data:</c> URIs, so the file needs nothing else to display.
/// </summary>
public static class EvaluationHtmlReport
{
    /// <summary>Writes the report to a file (atomically: a temporary file, then a rename).</summary>
    /// <param name="path">The .html file to write; its folder must exist. An existing file is replaced.</param>
    /// <param name="report">The evaluation, from <c>MultiTaskModel.Evaluate</c>.</param>
    /// <param name="history">The training history, for the training curves; null to leave them out. Default: null.</param>
    /// <param name="gain">The multi-task gain against single-task baselines; null to leave it out. Default: null.</param>
    /// <param name="options">Title, plot size and class names; null for the defaults. Default: null.</param>
    public static void Write(string path, EvaluationReport report, TrainingHistory? history = null, MultiTaskGain? gain = null, EvaluationHtmlReportOptions? options = null) =>
        AtomicFile.WriteAllText(path, Render(report, history, gain, options));

    /// <summary>The report as an HTML document; see <see cref="Write"/>.</summary>
    /// <param name="report">The evaluation, from <c>MultiTaskModel.Evaluate</c>.</param>
    /// <param name="history">The training history, for the training curves; null to leave them out. Default: null.</param>
    /// <param name="gain">The multi-task gain against single-task baselines; null to leave it out. Default: null.</param>
    /// <param name="options">Title, plot size and class names; null for the defaults. Default: null.</param>
    public static string Render(EvaluationReport report, TrainingHistory? history = null, MultiTaskGain? gain = null, EvaluationHtmlReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        options ??= new EvaluationHtmlReportOptions();
        CheckClassNames(report, options);
        string title = options.Title;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Encode(title)).Append("</title>\n")
            .Append("<style>body{font-family:sans-serif;margin:2em;max-width:1400px}table{border-collapse:collapse;margin:0.5em 0 1em}")
            .Append("td,th{border:1px solid #ccc;padding:0.25em 0.6em}td.n{text-align:right;font-variant-numeric:tabular-nums}img{margin:0.25em}</style>\n")
            .Append("</head>\n<body>\n<h1>").Append(Encode(title)).Append("</h1>\n<p>")
            .Append(Number(report.RowCount)).Append(" rows evaluated.</p>\n");
        if (history is not null && history.Epochs.Count > 0)
        {
            html.Append("<h2>Training</h2>\n");
            Image(html, TrainingPlots.Curves(history), "Training curves", options);
        }
        if (gain is not null)
        {
            AppendGain(html, gain, options);
        }
        foreach (var task in report.Tasks)
        {
            AppendTask(html, task, options);
        }
        if (options.Importances is { } importances)
        {
            AppendImportances(html, importances, options);
        }
        if (options.TaskAffinity is { } affinity)
        {
            AppendAffinity(html, affinity, options);
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void AppendGain(StringBuilder html, MultiTaskGain gain, EvaluationHtmlReportOptions options)
    {
        html.Append("<h2>Multi-task gain</h2>\n<p>Δm = ").Append(Number(gain.DeltaMPercent)).Append(" %</p>\n<table>\n")
            .Append("<tr><th>Task</th><th>Metric</th><th>Multi-task</th><th>Single-task</th><th>Change (%)</th></tr>\n");
        foreach (var c in gain.Comparisons)
        {
            html.Append("<tr><td>").Append(Encode(c.Task)).Append("</td><td>").Append(Encode(c.Metric))
                .Append("</td><td class=\"n\">").Append(Number(c.MultiTask)).Append("</td><td class=\"n\">").Append(Number(c.Baseline))
                .Append("</td><td class=\"n\">").Append(Number(c.RelativeChangePercent)).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
        Image(html, BarPlots.DeltaM(gain), "Multi-task gain per task and metric", options);
    }

    private static void AppendTask(StringBuilder html, TaskEvaluation task, EvaluationHtmlReportOptions options)
    {
        string name = task.Task.Name;
        html.Append("<h2>").Append(Encode(task.Task.ToString())).Append("</h2>\n<table>\n<tr><th>Metric</th><th>Value</th></tr>\n");
        Row(html, "Labelled rows", Number(task.LabelledRows));
        Row(html, "Loss", Number(task.Loss));
        foreach (var (metric, value) in task.Metrics)
        {
            Row(html, metric, Number(value));
        }
        html.Append("</table>\n");
        if (task.PerClassMetrics.Count > 0)
        {
            int classes = task.PerClassMetrics.Values.Max(v => v.Count);
            html.Append("<table>\n<tr><th>Per class</th>");
            for (int c = 0; c < classes; c++)
            {
                html.Append("<th>").Append(Number(c)).Append("</th>");
            }
            html.Append("</tr>\n");
            foreach (var (metric, values) in task.PerClassMetrics)
            {
                html.Append("<tr><td>").Append(Encode(metric)).Append("</td>");
                foreach (double v in values)
                {
                    html.Append("<td class=\"n\">").Append(Number(v)).Append("</td>");
                }
                html.Append("</tr>\n");
            }
            html.Append("</table>\n");
        }
        if (task.Data is not { RowCount: > 0 } data || task.Task.Kind == TaskKind.Regression)
        {
            return;
        }
        var matrix = ConfusionMatrix.Compute(data.ActualLabels, data.PredictedLabels, Math.Max(2, task.Task.ClassCount));
        Image(html, ConfusionMatrixPlot.Heatmap(matrix, options.ClassNames.GetValueOrDefault(name), title: $"{name}: confusion matrix"), $"{name}: confusion matrix", options);
        if (task.Task.Kind == TaskKind.Binary)
        {
            Image(html, CurvePlots.Roc(RocCurve.Compute(data.ActualLabels, data.Scores), $"{name}: ROC curve"), $"{name}: ROC curve", options);
            Image(html, CurvePlots.PrecisionRecall(PrecisionRecallCurve.Compute(data.ActualLabels, data.Scores), $"{name}: precision–recall curve"), $"{name}: precision–recall curve", options);
            Image(html, CurvePlots.Calibration(CalibrationCurve.Compute(data.ActualLabels, data.Scores, binCount: 10), $"{name}: calibration curve"), $"{name}: calibration curve", options);
        }
    }

    private static void AppendImportances(StringBuilder html, PermutationImportanceReport importances, EvaluationHtmlReportOptions options)
    {
        html.Append("<h2>Permutation importance</h2>\n");
        foreach (var task in importances.Tasks)
        {
            if (options.FeatureNames is { } given && given.Count != task.FeatureCount)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"EvaluationHtmlReportOptions.FeatureNames has {given.Count} names, but the importances of task '{task.Task.Name}' cover {task.FeatureCount} features."), nameof(options));
            }

            var top = task.Ranking().Take(options.TopFeatures).ToArray();
            var names = top.Select(f => options.FeatureNames?[f] ?? "x" + Number(f)).ToArray();
            string name = task.Task.Name;
            html.Append("<h3>").Append(Encode(name)).Append(" (").Append(Encode(task.Metric)).Append(", baseline ").Append(Number(task.BaselineScore))
                .Append(")</h3>\n<table>\n<tr><th>Feature</th><th>Mean</th><th>SD</th></tr>\n");
            for (int i = 0; i < top.Length; i++)
            {
                html.Append("<tr><td>").Append(Encode(names[i])).Append("</td><td class=\"n\">").Append(Number(task.Mean[top[i]]))
                    .Append("</td><td class=\"n\">").Append(Number(task.StandardDeviation[top[i]])).Append("</td></tr>\n");
            }

            html.Append("</table>\n");
            Image(html, BarPlots.Importances(names, top.Select(f => task.Mean[f]).ToArray(), top.Select(f => task.StandardDeviation[f]).ToArray(), $"{name}: permutation importance"), $"{name}: permutation importance", options);
        }
    }

    private static void AppendAffinity(StringBuilder html, TaskAffinityMatrix affinity, EvaluationHtmlReportOptions options)
    {
        var names = affinity.Tasks.Select(t => t.Name).ToArray();
        html.Append("<h2>Task affinity</h2>\n<p>Row i, column j: 1 − L<sub>j</sub> after a step on task i ÷ L<sub>j</sub> before it (Fifty et al., 2021).</p>\n<table>\n<tr><th>from \\ to</th>");
        foreach (var n in names)
        {
            html.Append("<th>").Append(Encode(n)).Append("</th>");
        }

        html.Append("</tr>\n");
        for (int i = 0; i < names.Length; i++)
        {
            html.Append("<tr><td>").Append(Encode(names[i])).Append("</td>");
            for (int j = 0; j < names.Length; j++)
            {
                html.Append("<td class=\"n\">").Append(Number(affinity[i, j])).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</table>\n");
        Image(html, MatrixPlots.Heatmap(affinity.ToArray(), names, names, "Task affinity", "to task", "from task", "0.0000"), "Task affinity", options);
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><td>").Append(Encode(name)).Append("</td><td class=\"n\">").Append(value).Append("</td></tr>\n");

    private static void CheckClassNames(EvaluationReport report, EvaluationHtmlReportOptions options)
    {
        foreach (var (task, names) in options.ClassNames)
        {
            var spec = report.Tasks.Select(t => t.Task).FirstOrDefault(t => t.Name == task)
                ?? throw new ArgumentException($"EvaluationHtmlReportOptions.ClassNames names task '{task}', which the report does not have.", nameof(options));
            int classes = Math.Max(2, spec.ClassCount);
            if (spec.Kind == TaskKind.Regression || names.Count != classes)
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"EvaluationHtmlReportOptions.ClassNames has {names.Count} names for task '{task}', which has {(spec.Kind == TaskKind.Regression ? "no classes (regression)" : classes + " classes")}."), nameof(options));
            }
        }
    }

    private static void Image(StringBuilder html, Chart chart, string alt, EvaluationHtmlReportOptions options)
    {
        byte[] png = chart.ToPng(options.PlotWidth, options.PlotHeight);
        html.Append("<img width=\"").Append(Number(options.PlotWidth)).Append("\" height=\"").Append(Number(options.PlotHeight))
            .Append("\" alt=\"").Append(Encode(alt)).Append("\" src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(png)).Append("\">\n");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
