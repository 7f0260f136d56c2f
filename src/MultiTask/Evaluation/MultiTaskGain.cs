using System.Globalization;

namespace MultiTask.Evaluation;

/// <summary>
/// The multi-task performance Δm of Maninis, Radosavovic and Kokkinos ("Attentive Single-Tasking of Multiple Tasks",
/// CVPR 2019): the mean over tasks and metrics of the signed relative change against single-task baselines,
/// Δm = (1/N) Σ (−1)^lᵢ (M_mtl,i − M_stl,i) / M_stl,i · 100 %, lᵢ = 1 when lower is better. Every (task, metric) pair
/// counts once (the form used by e.g. Navon et al., Nash-MTL, ICML 2022). Positive Δm: multi-task learning helped.
/// </summary>
public sealed class MultiTaskGain
{
    private MultiTaskGain(MetricComparison[] comparisons)
    {
        Comparisons = comparisons;
        DeltaMPercent = comparisons.Average(c => c.RelativeChangePercent);
    }

    /// <summary>Δm in percent.</summary>
    public double DeltaMPercent { get; }

    /// <summary>The terms of Δm, one per (task, metric).</summary>
    public IReadOnlyList<MetricComparison> Comparisons { get; }

    /// <summary>Δm over given comparisons.</summary>
    /// <param name="comparisons">At least one.</param>
    public static MultiTaskGain Compute(IEnumerable<MetricComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var all = comparisons.ToArray();
        if (all.Length == 0 || all.Any(c => c is null))
        {
            throw new ArgumentException("Δm needs at least one comparison and no null.", nameof(comparisons));
        }

        return new MultiTaskGain(all);
    }

    /// <summary>
    /// Δm of a multi-task model's evaluation against single-task baselines evaluated on the same rows. Each task of
    /// <paramref name="multiTask"/> is looked up in exactly one baseline report; the metrics compared are
    /// those of <paramref name="metrics"/> that the task reports or, when null, every per-task metric of the task's spec
    /// that both reports have. The
    /// direction of each metric comes from the task's <see cref="TaskSpec.EvaluationMetrics"/>.
    /// </summary>
    /// <param name="multiTask">The multi-task model's evaluation.</param>
    /// <param name="baselines">The single-task models' evaluations (one task each, or several tasks per report).</param>
    /// <param name="metrics">The metric names to compare where a task reports them; null for all shared ones.</param>
    /// <exception cref="ArgumentException">A task has no baseline or several, a compared metric is missing from its baseline, or nothing is compared.</exception>
    public static MultiTaskGain Compute(EvaluationReport multiTask, IEnumerable<EvaluationReport> baselines, IReadOnlyList<string>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(multiTask);
        ArgumentNullException.ThrowIfNull(baselines);
        var reports = baselines.ToArray();
        var comparisons = new List<MetricComparison>();
        foreach (var task in multiTask.Tasks)
        {
            string name = task.Task.Name;
            var matches = reports.Where(r => r.Tasks.Any(t => t.Task.Name == name)).ToArray();
            if (matches.Length != 1)
            {
                throw new ArgumentException($"Task '{name}' needs exactly one baseline report; {matches.Length.ToString(CultureInfo.InvariantCulture)} contain it.", nameof(baselines));
            }

            var baseline = matches[0][name];
            var names = metrics is not null
                ? metrics.Where(task.Metrics.ContainsKey).ToArray()
                : task.Task.EvaluationMetrics
                    .Where(m => m.Scope == MetricScope.PerTask && task.Metrics.ContainsKey(m.Name) && baseline.Metrics.ContainsKey(m.Name))
                    .Select(m => m.Name).ToArray();
            foreach (string metric in names)
            {
                var definition = task.Task.EvaluationMetrics.FirstOrDefault(m => m.Name == metric) ?? StandardMetrics.Get(metric);
                double m = task.Metrics[metric];
                if (!baseline.Metrics.TryGetValue(metric, out double b))
                {
                    throw new ArgumentException($"Task '{name}': metric '{metric}' is missing from the baseline report.", nameof(baselines));
                }

                comparisons.Add(new MetricComparison(name, metric, m, b, definition.HigherIsBetter));
            }
        }

        return Compute(comparisons);
    }
}
