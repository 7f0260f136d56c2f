using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Training.Optimizers;

/// <summary>
/// The library's own optimiser: per-parameter state (a step count and owned, detached buffers) and an update rule.
/// Like PyTorch, a parameter without a gradient is skipped (its step count stays), and zeroing keeps gradients allocated.
/// </summary>
/// <remarks>
/// Why not TorchSharp's optimisers: they pass temporary <see cref="Scalar"/> objects (created by implicit double→Scalar
/// conversions) to native code; such a Scalar is finalizable and not held by anything, so a garbage collection during the
/// native call can free it while it is in use ("Expected false to be true", "Unknown scalar type"). Here every Scalar is
/// created explicitly and disposed after the calls that use it (fields for the run's constants, <c>using</c> locals for
/// per-step values), so nothing native depends on the finalizer's timing.
/// </remarks>
internal abstract class ParameterOptimizer : IDisposable
{
    private const string Magic = "MultiTask.Optimizer";
    private const int FormatVersion = 1;
    private readonly long[] _steps;
    private readonly Tensor?[][] _buffers;
    private bool _disposed;

    /// <param name="parameters">The parameters to update, in a fixed order (the order of the saved state).</param>
    /// <param name="slots">The number of state buffers per parameter (Adam: 2, SGD: 1).</param>
    /// <param name="eager">Whether the buffers start as zeros (Adam) or are created at a parameter's first step (SGD momentum).</param>
    protected ParameterOptimizer(IEnumerable<Parameter> parameters, int slots, bool eager)
    {
        Parameters = parameters.ToArray();
        _steps = new long[Parameters.Length];
        _buffers = new Tensor?[slots][];
        for (int s = 0; s < slots; s++)
        {
            _buffers[s] = new Tensor?[Parameters.Length];
            if (eager)
            {
                for (int i = 0; i < Parameters.Length; i++)
                {
                    _buffers[s][i] = Owned(torch.zeros_like(Parameters[i]));
                }
            }
        }
    }

    /// <summary>The name saved with the state, and TorchSharp's class name of the same optimiser ("Adam", "AdamW", "SGD").</summary>
    internal abstract string Kind { get; }

    /// <summary>The parameters, in update order.</summary>
    internal Parameter[] Parameters { get; }

    /// <summary>Each parameter's number of updates so far.</summary>
    internal IReadOnlyList<long> Steps => _steps;

    /// <summary>A state buffer of a parameter (null when not yet created); for tests.</summary>
    internal Tensor? Buffer(int slot, int index) => _buffers[slot][index];

    /// <summary>Sets every existing gradient to zero (gradients stay allocated, as TorchSharp's <c>zero_grad</c>).</summary>
    internal void ZeroGrad()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        foreach (var p in Parameters)
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    /// <summary>Updates every parameter that has a gradient, in its own dispose scope and without recording gradients.</summary>
    internal void Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        for (int i = 0; i < Parameters.Length; i++)
        {
            var grad = Parameters[i].grad;
            if (grad is null)
            {
                continue;
            }

            _steps[i]++;
            Update(i, Parameters[i], grad, _steps[i]);
        }
    }

    /// <summary>Writes the state: a header, the kind, then each parameter's step count and buffers (TorchSharp's tensor format).</summary>
    internal void Save(BinaryWriter writer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        writer.Write(Magic);
        writer.Write(FormatVersion);
        writer.Write(Kind);
        writer.Write(Parameters.Length);
        writer.Write(_buffers.Length);
        for (int i = 0; i < Parameters.Length; i++)
        {
            writer.Write(_steps[i]);
            foreach (var slot in _buffers)
            {
                writer.Write(slot[i] is not null);
                slot[i]?.Save(writer);
            }
        }
    }

    /// <summary>
    /// Restores state written by <see cref="Save"/>, or by TorchSharp's <c>save_state_dict</c> of the same optimiser
    /// (checkpoints written before the library had its own optimisers). Nothing changes when the data does not fit.
    /// </summary>
    /// <exception cref="FormatException">The data is for another optimiser or another parameter list, or is damaged.</exception>
    internal void Load(BinaryReader reader)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long start = reader.BaseStream.Position;
        string header = reader.ReadString();
        var (steps, buffers) = header == Magic ? Read(reader) : ReadTorchSharp(reader, start, header);
        Array.Copy(steps, _steps, steps.Length);
        for (int s = 0; s < _buffers.Length; s++)
        {
            for (int i = 0; i < Parameters.Length; i++)
            {
                _buffers[s][i]?.Dispose();
                _buffers[s][i] = buffers[s][i];
            }
        }
    }

    /// <summary>Frees the state buffers. Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var slot in _buffers)
        {
            for (int i = 0; i < slot.Length; i++)
            {
                slot[i]?.Dispose();
                slot[i] = null;
            }
        }

        DisposeScalars();
    }

    /// <summary>Applies one update to a parameter with its gradient; <paramref name="step"/> counts this update (1 at the first).</summary>
    protected abstract void Update(int index, Parameter parameter, Tensor grad, long step);

    /// <summary>Disposes the Scalars the optimiser holds for the whole run.</summary>
    protected abstract void DisposeScalars();

    /// <summary>Converts TorchSharp's state of this optimiser into buffers (slot-major) and step counts.</summary>
    protected abstract (long[] Steps, Tensor?[][] Buffers) FromTorchSharp(IReadOnlyList<OptimizerState> states);

    /// <summary>TorchSharp's optimiser of the same kind over the same parameters, used only to read its saved state.</summary>
    protected abstract OptimizerHelper CreateTorchSharp();

    /// <summary>The state buffer <paramref name="slot"/> of parameter <paramref name="index"/>.</summary>
    protected Tensor? State(int slot, int index) => _buffers[slot][index];

    /// <summary>Sets a state buffer that did not exist yet (SGD's momentum at the first step).</summary>
    protected void SetState(int slot, int index, Tensor buffer) => _buffers[slot][index] = buffer;

    /// <summary>A tensor detached from autograd and from every dispose scope: the optimiser owns and disposes it.</summary>
    protected static Tensor Owned(Tensor t)
    {
        var owned = t.detach().DetachFromDisposeScope();
        if (!ReferenceEquals(owned, t))
        {
            t.Dispose();
        }

        return owned;
    }

    private (long[] Steps, Tensor?[][] Buffers) Read(BinaryReader reader)
    {
        int version = reader.ReadInt32();
        if (version != FormatVersion)
        {
            throw new FormatException($"the optimiser state has format version {version}; this library reads version {FormatVersion}.");
        }

        string kind = reader.ReadString();
        int count = reader.ReadInt32();
        int slots = reader.ReadInt32();
        if (kind != Kind)
        {
            throw new FormatException($"the optimiser state is {kind}'s, but this trainer uses {Kind}.");
        }

        if (count != Parameters.Length || slots != _buffers.Length)
        {
            throw new FormatException($"the optimiser state covers {count} parameters, but this trainer optimises {Parameters.Length}.");
        }

        var steps = new long[count];
        var buffers = Enumerable.Range(0, slots).Select(_ => new Tensor?[count]).ToArray();
        try
        {
            for (int i = 0; i < count; i++)
            {
                steps[i] = reader.ReadInt64();
                for (int s = 0; s < slots; s++)
                {
                    if (reader.ReadBoolean())
                    {
                        buffers[s][i] = Owned(torch.zeros_like(Parameters[i]));
                        buffers[s][i]!.Load(reader);
                    }
                }
            }
        }
        catch
        {
            DisposeAll(buffers);
            throw;
        }

        return (steps, buffers);
    }

    private (long[] Steps, Tensor?[][] Buffers) ReadTorchSharp(BinaryReader reader, long start, string name)
    {
        if (name != Kind)
        {
            throw new FormatException($"the optimiser state is TorchSharp's {name}, but this trainer uses {Kind}.");
        }

        reader.BaseStream.Position = start;
        using var legacy = CreateTorchSharp();
        legacy.load_state_dict(reader);
        var (steps, buffers) = FromTorchSharp(legacy.state_dict().State);
        return (steps, buffers);
    }

    /// <summary>An owned copy of a tensor from TorchSharp's state (which its optimiser disposes).</summary>
    protected static Tensor? Copy(Tensor? t) => t is null ? null : Owned(t.clone());

    private static void DisposeAll(Tensor?[][] buffers)
    {
        foreach (var t in buffers.SelectMany(b => b))
        {
            t?.Dispose();
        }
    }
}
