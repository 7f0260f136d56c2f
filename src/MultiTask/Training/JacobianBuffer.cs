using MultiTask.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Training;

/// <summary>
/// The per-task gradients of the shared parameters as the rows of one [T, P] matrix that the backward passes write into
/// directly: before task t's pass every shared parameter's gradient is pointed at its slice of row t, so no per-task
/// gradient is allocated, concatenated or stacked. Allocated once per trainer; the parameters' own gradient tensors
/// (usually views of the optimiser's flat gradient buffer) are put back afterwards, untouched.
/// </summary>
internal sealed class JacobianBuffer : IDisposable
{
    private readonly Parameter[] _parameters;
    private readonly Tensor[][] _rows;
    private readonly Tensor?[] _saved;

    internal JacobianBuffer(Parameter[] parameters, int taskCount)
    {
        _parameters = parameters;
        _saved = new Tensor?[parameters.Length];
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        long width = parameters.Sum(p => p.numel());
        var first = parameters[0];
        Matrix = torch.zeros(taskCount, width, dtype: first.dtype, device: first.device).DetachFromDisposeScope();
        _rows = Enumerable.Range(0, taskCount).Select(t => FlatBuffer.Slices(Matrix.select(0, t), parameters)).ToArray();
    }

    /// <summary>The [T, P] matrix J of per-task gradients (valid after <see cref="End"/> until the next <see cref="Begin"/>).</summary>
    internal Tensor Matrix { get; }

    /// <summary>Sets J to zero and remembers the parameters' gradient tensors (handles in the caller's dispose scope).</summary>
    internal void Begin()
    {
        Matrix.zero_();
        for (int i = 0; i < _parameters.Length; i++)
        {
            _saved[i] = _parameters[i].grad;
        }
    }

    /// <summary>Points every parameter's gradient at its slice of row <paramref name="task"/>: the next backward pass accumulates there.</summary>
    internal void Target(int task)
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].grad = _rows[task][i];
        }
    }

    /// <summary>Gives every parameter its own gradient tensor back (null where it had none).</summary>
    internal void End()
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            _parameters[i].grad = _saved[i];
            _saved[i] = null;
        }
    }

    /// <summary>Frees J and its views.</summary>
    public void Dispose()
    {
        foreach (var view in _rows.SelectMany(r => r))
        {
            view.Dispose();
        }

        Matrix.Dispose();
    }
}
