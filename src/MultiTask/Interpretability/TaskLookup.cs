namespace MultiTask.Interpretability;

/// <summary>Finds a task's entry in a per-task result list, with an error that lists the tasks.</summary>
internal static class TaskLookup
{
    internal static T Find<T>(IReadOnlyList<T> items, Func<T, TaskSpec> taskOf, string task)
        => items.FirstOrDefault(i => taskOf(i).Name == task)
            ?? throw new KeyNotFoundException($"Unknown task '{task}'; the report has tasks {string.Join(", ", items.Select(i => $"'{taskOf(i).Name}'"))}.");
}
