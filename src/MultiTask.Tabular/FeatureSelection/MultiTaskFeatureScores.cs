using MultiTask.Data;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Feature scores for one or more tasks: each task's scores (and p-values) on its labelled rows, and their
/// combination (<see cref="Aggregation"/>) from which a selector chooses. Returned by <see cref="FeatureScorer.Score(TabularData, IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>
/// and the selectors' <c>ScoreFeatures</c>, for inspection.
/// </summary>
public sealed class MultiTaskFeatureScores
{
    private readonly FeatureScores[] _taskScores;
    private readonly double[] _scores;

    internal MultiTaskFeatureScores(IReadOnlyList<string> features, IReadOnlyList<string> taskNames, FeatureScores[] taskScores, TaskAggregation aggregation)
    {
        Features = features.ToArray();
        TaskNames = taskNames.ToArray();
        _taskScores = taskScores;
        Aggregation = aggregation;
        _scores = ScoreAggregation.Combine(taskScores.Select(s => s.Scores).ToArray(), aggregation);
    }

    /// <summary>The feature (column) names, in order.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>The task names, in the order of the targets.</summary>
    public IReadOnlyList<string> TaskNames { get; }

    /// <summary>Each task's scores, in the order of <see cref="TaskNames"/>.</summary>
    public IReadOnlyList<FeatureScores> TaskScores => _taskScores;

    /// <summary>How the task scores were combined.</summary>
    public TaskAggregation Aggregation { get; }

    /// <summary>The combined score of each feature (higher is better); NaN where undefined (see <see cref="ScoreAggregation"/>).</summary>
    public IReadOnlyList<double> Scores => _scores;

    /// <summary>The scores of one task.</summary>
    /// <param name="task">A task name.</param>
    /// <exception cref="KeyNotFoundException">No task has that name; the message lists them.</exception>
    public FeatureScores ForTask(string task)
    {
        int t = TaskNames.ToList().IndexOf(task);
        return t >= 0
            ? _taskScores[t]
            : throw new KeyNotFoundException($"Unknown task '{task}'; the scores are for {string.Join(", ", TaskNames.Select(n => $"'{n}'"))}.");
    }
}
