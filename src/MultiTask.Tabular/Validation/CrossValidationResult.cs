using MultiTask.Evaluation;
using MultiTask.Tabular.Splitting;

namespace MultiTask.Tabular.Validation;

/// <summary>The evaluation of a multi-task model on each cross-validation fold, with per-task metric summaries.</summary>
public sealed class CrossValidationResult
{
    internal CrossValidationResult(IReadOnlyList<TableFold> folds, IReadOnlyList<EvaluationReport> reports)
    {
        Folds = folds;
        Reports = reports;
        Summaries = reports[0].Tasks
            .SelectMany(t => t.Task.EvaluationMetrics.Where(m => m.Scope == MetricScope.PerTask).Select(m => (Task: t.Task.Name, Metric: m.Name)))
            .Where(p => reports.All(r => r[p.Task].Metrics.ContainsKey(p.Metric)))
            .Select(p => new MetricSummary(p.Task, p.Metric, reports.Select(r => r[p.Task][p.Metric]).ToArray()))
            .ToArray();
    }

    /// <summary>The folds, in the order they were run.</summary>
    public IReadOnlyList<TableFold> Folds { get; }

    /// <summary>The evaluation of the model trained on each fold's training rows, on its test rows.</summary>
    public IReadOnlyList<EvaluationReport> Reports { get; }

    /// <summary>Every per-task metric reported on every fold, summarised over folds, in task then metric order.</summary>
    public IReadOnlyList<MetricSummary> Summaries { get; }

    /// <summary>The summary of one metric of one task.</summary>
    /// <param name="task">A task name.</param>
    /// <param name="metric">A metric name the task reports.</param>
    public MetricSummary this[string task, string metric] => Summaries.FirstOrDefault(s => s.Task == task && s.Metric == metric)
        ?? throw new KeyNotFoundException($"No summary of metric '{metric}' for task '{task}'; there are {string.Join(", ", Summaries.Select(s => $"{s.Task}/{s.Metric}"))}.");
}
