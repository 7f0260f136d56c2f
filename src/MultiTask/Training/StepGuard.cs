using MultiTask.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Training;

/// <summary>
/// The state right before each of the last two optimiser updates (parameters, the network's buffers such as BatchNorm
/// statistics, and the optimiser's buffers and counters), saved by the optimiser's <see cref="ParameterOptimizer.BeforeUpdate"/>
/// hook, so that a divergence can go back to the last weights that produced a finite loss. Owned copies in two slots,
/// allocated once and written alternately (one copy per update, as with a single slot).
/// </summary>
/// <remarks>
/// Two slots, because a step that reads its losses back only after its update (<see cref="TrainingStep"/> with static
/// weights) learns of a non-finite loss when the weights that gave it were already saved: the weights that last gave a
/// finite loss are then those before the previous update.
/// </remarks>
internal sealed class StepGuard : IDisposable
{
    private readonly ParameterOptimizer _optimizer;
    private readonly Tensor[] _live;
    private readonly Tensor[]?[] _copies = new Tensor[2][];
    private readonly (long[] Steps, bool[][] Present)[] _counters = new (long[], bool[][])[2];
    private int _newest = -1;
    private int _saved;

    internal StepGuard(ParameterOptimizer optimizer, IEnumerable<Tensor> buffers)
    {
        _optimizer = optimizer;
        _live = [.. optimizer.ValueTensors, .. buffers, .. optimizer.StateTensors];
        optimizer.BeforeUpdate = Save;
    }

    /// <summary>Whether a saved state exists (a guard is created per <c>Fit</c>, so none before its first update).</summary>
    internal bool HasSaved => _saved > 0;

    /// <summary>
    /// Puts back the state before the last update, or with <paramref name="updates"/> = 2 the state before the one
    /// before it (the last one when only one was saved). The restored state stays saved (as the newest), so a retry that
    /// fails again goes back to the same point; false (and nothing changes) when nothing is saved.
    /// </summary>
    internal bool Restore(int updates = 1)
    {
        if (!HasSaved)
        {
            return false;
        }

        if (updates == 2 && _saved == 2)
        {
            _newest = 1 - _newest;
            _saved = 1;
        }

        using var noGrad = torch.no_grad();
        var copies = _copies[_newest]!;
        for (int i = 0; i < _live.Length; i++)
        {
            _live[i].copy_(copies[i]);
        }

        _optimizer.RestoreCounters(_counters[_newest]);
        return true;
    }

    public void Dispose()
    {
        _optimizer.BeforeUpdate = null;
        foreach (var copy in _copies.SelectMany(c => c ?? []))
        {
            copy.Dispose();
        }

        Array.Clear(_copies);
        _saved = 0;
    }

    private void Save()
    {
        int slot = _newest < 0 ? 0 : 1 - _newest;
        using var noGrad = torch.no_grad();
        if (_copies[slot] is not { } copies)
        {
            using var scope = torch.NewDisposeScope();
            _copies[slot] = _live.Select(t => t.clone().DetachFromDisposeScope()).ToArray();
        }
        else
        {
            for (int i = 0; i < _live.Length; i++)
            {
                copies[i].copy_(_live[i]);
            }
        }

        _counters[slot] = _optimizer.Counters();
        _newest = slot;
        _saved = Math.Min(_saved + 1, 2);
    }
}
