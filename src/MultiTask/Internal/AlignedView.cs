using MultiTask.Data;

namespace MultiTask.Internal;

/// <summary>
/// A dataset whose target columns are in the model's task order: the dataset itself when it already is, otherwise
/// a copy with the columns selected (disposed with the view). Checks that each task matches the model's.
/// </summary>
internal sealed class AlignedView : IDisposable
{
    private readonly bool _owned;

    private AlignedView(MultiTaskDataset data, bool owned)
    {
        Data = data;
        _owned = owned;
    }

    internal MultiTaskDataset Data { get; }

    internal static AlignedView Of(MultiTaskModel model, MultiTaskDataset data)
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
        return sameOrder ? new AlignedView(data, false) : new AlignedView(data.SelectTasks(model.Tasks.Select(t => t.Name).ToArray()), true);
    }

    public void Dispose()
    {
        if (_owned)
        {
            Data.Dispose();
        }
    }
}
