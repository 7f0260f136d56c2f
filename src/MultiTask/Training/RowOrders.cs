using MultiTask.Internal;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Training;

/// <summary>
/// The row permutations of one epoch, one per block and cycle (a block that starts over gets a fresh one), created on
/// demand from seeds derived from the epoch, block and cycle, and freed with the epoch. Builds each step's batch.
/// </summary>
internal sealed class RowOrders : IDisposable
{
    private readonly IReadOnlyList<TaskBlock> _blocks;
    private readonly bool _shuffle;
    private readonly int _seed;
    private readonly int _epoch;
    private readonly Dictionary<(int Block, int Cycle), Tensor> _orders = [];

    internal RowOrders(IReadOnlyList<TaskBlock> blocks, bool shuffle, int seed, int epoch)
    {
        _blocks = blocks;
        _shuffle = shuffle;
        _seed = seed;
        _epoch = epoch;
    }

    /// <summary>
    /// The step's inputs, targets and mask on the device, in the caller's dispose scope; the mask is null when every row
    /// of the batch has every label (no task is left out of the step either).
    /// </summary>
    internal (Tensor X, Tensor Y, Tensor? M) Batch(PlannedStep step, int taskCount, Device device)
    {
        bool masked = step.ActiveTask is not null || step.Pieces.Any(p => !_blocks[p.Block].FullyLabelled);
        var xs = new Tensor[step.Pieces.Count];
        var ys = new Tensor[xs.Length];
        var ms = new Tensor?[xs.Length];
        for (int i = 0; i < xs.Length; i++)
        {
            var piece = step.Pieces[i];
            var block = _blocks[piece.Block];
            var rows = Order(piece.Block, piece.Cycle).narrow(0, piece.Start, piece.Count);
            xs[i] = block.InputsAt(rows);
            ys[i] = block.Targets!.index_select(0, rows);
            ms[i] = masked ? block.Mask!.index_select(0, rows) : null;
        }

        var x = xs.Length == 1 ? xs[0] : torch.cat(xs);
        var y = ys.Length == 1 ? ys[0] : torch.cat(ys);
        if (!masked)
        {
            return (x.to(device), y.to(device), null);
        }

        var m = ms.Length == 1 ? ms[0]! : torch.cat(ms!);
        if (step.ActiveTask is int active)
        {
            var only = torch.zeros(taskCount);
            only[active] = torch.tensor(1f);
            m = m.mul(only);
        }

        return (x.to(device), y.to(device), m.to(device));
    }

    public void Dispose()
    {
        foreach (var order in _orders.Values)
        {
            order.Dispose();
        }

        _orders.Clear();
    }

    private Tensor Order(int block, int cycle)
    {
        if (!_orders.TryGetValue((block, cycle), out var order))
        {
            using var scope = torch.NewDisposeScope();
            int rows = _blocks[block].RowCount;
            if (_shuffle)
            {
                long counter = (((long)_epoch * 1_000_003L) + block) * 1_009L + cycle;
                using var generator = new torch.Generator((ulong)SeedMix.Of(_seed, counter, stream: 1));
                order = torch.randperm(rows, generator: generator);
            }
            else
            {
                order = torch.arange(rows);
            }

            order = order.DetachFromDisposeScope();
            _orders[(block, cycle)] = order;
        }

        return order;
    }
}
