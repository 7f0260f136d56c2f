using MultiTask.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Internal;

/// <summary>
/// Training rows with targets and mask laid out in the model's task order ([rows, T]). Either a whole dataset
/// (borrowed) or one task's dataset expanded so that only that task's column carries labels (owned copies).
/// </summary>
internal sealed class TaskBlock : IDisposable
{
    private readonly List<Tensor> _owned = [];

    private TaskBlock(Tensor inputs, Tensor targets, Tensor mask)
    {
        Inputs = inputs;
        Targets = targets;
        Mask = mask;
    }

    internal Tensor Inputs { get; private set; }

    internal Tensor Targets { get; }

    internal Tensor Mask { get; }

    internal int Count => (int)Inputs.shape[0];

    /// <summary>A dataset whose columns already are the model's tasks, in order.</summary>
    internal static TaskBlock Whole(MultiTaskDataset aligned) => new(aligned.Inputs, aligned.Targets, aligned.Mask);

    /// <summary>One task's rows: the dataset's column for the task becomes column <paramref name="task"/> of T; the rest is unlabelled.</summary>
    internal static TaskBlock ForTask(MultiTaskDataset data, string taskName, int task, int taskCount)
    {
        int column = data.ColumnOf(taskName);
        using var scope = torch.NewDisposeScope();
        var targets = torch.zeros(data.Count, taskCount);
        var mask = torch.zeros(data.Count, taskCount);
        targets.select(1, task).copy_(data.Targets.select(1, column));
        mask.select(1, task).copy_(data.Mask.select(1, column));
        var block = new TaskBlock(data.Inputs, targets.DetachFromDisposeScope(), mask.DetachFromDisposeScope());
        block._owned.Add(targets);
        block._owned.Add(mask);
        return block;
    }

    /// <summary>Pads token inputs on the right to a common width with the padding id (owned copy).</summary>
    internal void PadTo(int width, long paddingId)
    {
        int current = (int)Inputs.shape[1];
        if (current >= width)
        {
            return;
        }

        using var scope = torch.NewDisposeScope();
        var padded = torch.nn.functional.pad(Inputs, [0, width - current], value: paddingId).DetachFromDisposeScope();
        _owned.Add(padded);
        Inputs = padded;
    }

    public void Dispose()
    {
        foreach (var tensor in _owned)
        {
            tensor.Dispose();
        }

        _owned.Clear();
    }
}
