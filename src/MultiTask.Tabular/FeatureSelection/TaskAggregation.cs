namespace MultiTask.Tabular.FeatureSelection;

/// <summary>How per-task feature scores are combined into one score per feature, so that one selection serves all tasks.</summary>
public enum TaskAggregation
{
    /// <summary>The mean of the per-task scores.</summary>
    Mean,

    /// <summary>The largest per-task score (a feature useful to any task is kept).</summary>
    Max,

    /// <summary>The mean of the per-task ranks (1 = best), negated so that higher is better; insensitive to score scales.</summary>
    Rank,
}
