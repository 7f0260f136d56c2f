using MultiTask.Data;

namespace MultiTask.Internal;

/// <summary>A dataset with its target columns in the model's task order, after checking that each task matches the model's.</summary>
internal static class AlignedView
{
    /// <summary>
    /// The dataset itself when its columns already are the model's tasks in order, otherwise a view with the columns
    /// selected (sharing the inputs: only the small host targets are reordered).
    /// </summary>
    internal static MultiTaskDataset Of(MultiTaskModel model, MultiTaskDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        model.CheckInputs(data);
        foreach (var extra in data.Tasks.Where(d => model.Tasks.All(m => m.Name != d.Name)))
        {
            throw new ArgumentException($"The dataset has task '{extra.Name}', which the model does not have; the model's tasks are {string.Join(", ", model.Tasks.Select(t => $"'{t.Name}'"))}. Use SelectTasks to drop it.", nameof(data));
        }

        foreach (var task in model.Tasks)
        {
            var other = data.Tasks[data.ColumnOf(task.Name)];
            if (other.Kind != task.Kind || other.ClassCount != task.ClassCount)
            {
                throw new ArgumentException($"Task '{task.Name}' is {task} in the model but {other} in the dataset.", nameof(data));
            }
        }

        bool sameOrder = data.Tasks.Select(t => t.Name).SequenceEqual(model.Tasks.Select(t => t.Name));
        return sameOrder ? data : data.SelectTasks(model.Tasks.Select(t => t.Name).ToArray());
    }
}
