using MultiTask.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Training;

/// <summary>
/// The state right before the last optimiser update (parameters, the network's buffers such as BatchNorm statistics,
/// and the optimiser's buffers and counters), saved by the optimiser's <see cref="ParameterOptimizer.BeforeUpdate"/>
/// hook, so that a divergence can go back to the last weights that produced a finite loss. Owned copies, allocated once.
/// </summary>
internal sealed class StepGuard : IDisposable
{
    private readonly ParameterOptimizer _optimizer;
    private readonly Tensor[] _live;
    private Tensor[]? _copies;
    private (long[] Steps, bool[][] Present) _counters;

    internal StepGuard(ParameterOptimizer optimizer, IEnumerable<Tensor> buffers)
    {
        _optimizer = optimizer;
        _live = [.. optimizer.ValueTensors, .. buffers, .. optimizer.StateTensors];
        optimizer.BeforeUpdate = Save;
    }

    /// <summary>Whether a saved state exists (a guard is created per <c>Fit</c>, so none before its first update).</summary>
    internal bool HasSaved { get; private set; }

    /// <summary>Puts the saved state back (it stays saved, so a retry that fails again goes back to the same point); false (and nothing changes) when nothing is saved.</summary>
    internal bool Restore()
    {
        if (!HasSaved)
        {
            return false;
        }

        using var noGrad = torch.no_grad();
        for (int i = 0; i < _live.Length; i++)
        {
            _live[i].copy_(_copies![i]);
        }

        _optimizer.RestoreCounters(_counters);
        return true;
    }

    public void Dispose()
    {
        _optimizer.BeforeUpdate = null;
        foreach (var copy in _copies ?? [])
        {
            copy.Dispose();
        }

        _copies = null;
    }

    private void Save()
    {
        using var noGrad = torch.no_grad();
        if (_copies is null)
        {
            using var scope = torch.NewDisposeScope();
            _copies = _live.Select(t => t.clone().DetachFromDisposeScope()).ToArray();
        }
        else
        {
            for (int i = 0; i < _live.Length; i++)
            {
                _copies[i].copy_(_live[i]);
            }
        }

        _counters = _optimizer.Counters();
        HasSaved = true;
    }
}
