using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Internal;

/// <summary>A detached copy of a module's state (parameters and buffers), for restoring the best weights.</summary>
internal sealed class WeightSnapshot : IDisposable
{
    private readonly Dictionary<string, Tensor> _state = new(StringComparer.Ordinal);

    internal void Capture(nn.Module module)
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        foreach (var (name, tensor) in module.state_dict())
        {
            if (_state.TryGetValue(name, out var copy))
            {
                copy.copy_(tensor);
            }
            else
            {
                // Under no_grad the clone tracks no gradient; clone().detach() would leave an undisposed intermediate.
                _state[name] = tensor.clone().DetachFromDisposeScope();
            }
        }
    }

    internal void Restore(nn.Module module)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, tensor) in module.state_dict())
        {
            tensor.copy_(_state[name]);
        }
    }

    public void Dispose()
    {
        foreach (var tensor in _state.Values)
        {
            tensor.Dispose();
        }

        _state.Clear();
    }
}
