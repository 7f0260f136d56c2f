using MultiTask.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Internal;

/// <summary>
/// Rows to run a model on: the dataset's input tensor (borrowed, never copied) with the row indices of a view, and
/// targets and mask laid out in the model's task order ([rows, T], made from the dataset's host targets and owned).
/// Either a whole dataset, one task's dataset expanded so that only that task's column carries labels, or inputs only.
/// Batches are gathered from it with <c>index_select</c>.
/// </summary>
internal sealed class TaskBlock : IDisposable
{
    private readonly List<Tensor> _owned = [];

    private TaskBlock(Tensor inputs, int[]? rows, int rowCount, Tensor? targets, Tensor? mask)
    {
        Inputs = inputs;
        RowCount = rowCount;
        RowIndex = rows is null ? null : Own(torch.tensor(Array.ConvertAll(rows, r => (long)r)));
        Targets = targets is null ? null : Own(targets);
        Mask = mask is null ? null : Own(mask);
        FullyLabelled = mask is not null && mask.numel() > 0 && mask.all().item<bool>();
    }

    /// <summary>The input tensor; its rows are <see cref="RowIndex"/> (or all, in order).</summary>
    internal Tensor Inputs { get; private set; }

    /// <summary>The row of <see cref="Inputs"/> of each block row; null when they are all its rows, in order.</summary>
    internal Tensor? RowIndex { get; private set; }

    /// <summary>[rows, T] targets, missing labels as 0; null for an inputs-only block.</summary>
    internal Tensor? Targets { get; }

    /// <summary>[rows, T] label mask; null for an inputs-only block.</summary>
    internal Tensor? Mask { get; }

    internal int RowCount { get; }

    /// <summary>Whether every row has a label for every task (the mask is all ones), so batches need no mask.</summary>
    internal bool FullyLabelled { get; }

    /// <summary>A dataset whose columns already are the model's tasks, in order.</summary>
    internal static TaskBlock Whole(MultiTaskDataset aligned)
    {
        using var scope = torch.NewDisposeScope();
        var (targets, mask) = TargetTensors.From(aligned.Values, aligned.RowCount, aligned.Tasks.Count);
        return new TaskBlock(aligned.InputTensor, aligned.InputRows, aligned.RowCount, targets, mask);
    }

    /// <summary>A dataset's inputs, for prediction.</summary>
    internal static TaskBlock InputsOnly(MultiTaskDataset data) => new(data.InputTensor, data.InputRows, data.RowCount, null, null);

    /// <summary>Inputs made for one call (for example from the user's arrays), owned and freed by the block.</summary>
    internal static TaskBlock Owning(Tensor inputs)
    {
        var block = new TaskBlock(inputs, null, (int)inputs.shape[0], null, null);
        block.Own(inputs);
        return block;
    }

    /// <summary>One task's rows: the dataset's column for the task becomes column <paramref name="task"/> of T; the rest is unlabelled.</summary>
    internal static TaskBlock ForTask(MultiTaskDataset data, string taskName, int task, int taskCount)
    {
        var column = data.Column(data.ColumnOf(taskName));
        var values = new float[column.Length * taskCount];
        Array.Fill(values, float.NaN);
        for (int i = 0; i < column.Length; i++)
        {
            values[(i * taskCount) + task] = column[i];
        }

        using var scope = torch.NewDisposeScope();
        var (targets, mask) = TargetTensors.From(values, column.Length, taskCount);
        return new TaskBlock(data.InputTensor, data.InputRows, data.RowCount, targets, mask);
    }

    /// <summary>The inputs of the block rows <paramref name="rows"/> (an int64 index), in the caller's dispose scope.</summary>
    internal Tensor InputsAt(Tensor rows) => Inputs.index_select(0, RowIndex is null ? rows : RowIndex.index_select(0, rows));

    /// <summary>The inputs of block rows [start, start + count), in the caller's dispose scope (a view when the block has all rows in order).</summary>
    internal Tensor InputsOf(int start, int count) => RowIndex is null ? Inputs.narrow(0, start, count) : Inputs.index_select(0, RowIndex.narrow(0, start, count));

    /// <summary>Pads token inputs on the right to a common width with the padding id (an owned copy of the block's rows).</summary>
    internal void PadTo(int width, long paddingId)
    {
        int current = (int)Inputs.shape[1];
        if (current >= width)
        {
            return;
        }

        using var scope = torch.NewDisposeScope();
        var rows = RowIndex is null ? Inputs : Inputs.index_select(0, RowIndex);
        Inputs = Own(torch.nn.functional.pad(rows, [0, width - current], value: paddingId));
        RowIndex = null;
    }

    public void Dispose()
    {
        foreach (var tensor in _owned)
        {
            tensor.Dispose();
        }

        _owned.Clear();
    }

    private Tensor Own(Tensor tensor)
    {
        _owned.Add(tensor.DetachFromDisposeScope());
        return tensor;
    }
}
