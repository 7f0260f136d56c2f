using System.Runtime.InteropServices;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Training.Optimizers;

/// <summary>
/// The library's own optimiser: per-parameter state (a step count and state buffers) and an update rule.
/// Like PyTorch, a parameter without a gradient is skipped (its step count stays), and zeroing keeps gradients allocated.
/// </summary>
/// <remarks>
/// When the parameters are CPU tensors of one dtype, they, their gradients and each state buffer live in flat buffers
/// (<see cref="FlatBuffer"/>). A step runs the update rule once per run of adjacent parameters that have a gradient,
/// the same step count and the same initialisation state, on that run's part of the buffers: when every parameter
/// qualifies (the usual case), a handful of native operations over the whole buffers instead of a handful per
/// parameter. The rule is element-wise, so this gives the same numbers as updating each parameter on its own.
///
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
    private readonly double[] _learningRates;
    private readonly double _baseLearningRate;
    private readonly Tensor[][] _buffers;
    private readonly Tensor?[] _flatStates;
    private readonly bool[][] _present;
    private readonly bool[] _active;
    private readonly FlatBuffer? _flat;
    private bool _disposed;

    /// <param name="parameters">The parameters to update, in a fixed order (the order of the saved state).</param>
    /// <param name="slots">The number of state buffers per parameter (Adam: 2, SGD: 1); they start as zeros.</param>
    /// <param name="presentFromStart">Whether the buffers count as initialised before the first step (Adam) or only after it (SGD momentum).</param>
    /// <param name="learningRate">The learning rate of every parameter not in <paramref name="learningRates"/>.</param>
    /// <param name="learningRates">One learning rate per parameter (discriminative rates), or null for <paramref name="learningRate"/> everywhere.</param>
    protected ParameterOptimizer(IEnumerable<Parameter> parameters, int slots, bool presentFromStart, double learningRate, IReadOnlyList<double>? learningRates)
    {
        Parameters = parameters.ToArray();
        LearningRate = learningRate;
        _baseLearningRate = learningRate;
        if (learningRates is not null && learningRates.Count != Parameters.Length)
        {
            throw new ArgumentException($"{learningRates.Count} learning rates were given for {Parameters.Length} parameters.", nameof(learningRates));
        }

        _learningRates = learningRates?.ToArray() ?? Enumerable.Repeat(learningRate, Parameters.Length).ToArray();
        _steps = new long[Parameters.Length];
        _active = new bool[Parameters.Length];
        _flat = FlatBuffer.TryCreate(Parameters);
        _buffers = new Tensor[slots][];
        _flatStates = new Tensor?[slots];
        _present = new bool[slots][];
        for (int s = 0; s < slots; s++)
        {
            _present[s] = Enumerable.Repeat(presentFromStart, Parameters.Length).ToArray();
            if (_flat is not null)
            {
                _flatStates[s] = torch.zeros_like(_flat.Values).DetachFromDisposeScope();
                _buffers[s] = FlatBuffer.Slices(_flatStates[s]!, Parameters);
            }
            else
            {
                _buffers[s] = Parameters.Select(p => torch.zeros_like(p).DetachFromDisposeScope()).ToArray();
            }
        }
    }

    /// <summary>The name saved with the state, and TorchSharp's class name of the same optimiser ("Adam", "AdamW", "SGD").</summary>
    internal abstract string Kind { get; }

    /// <summary>The learning rate of the next <see cref="Step"/> (the rate of parameters without a group rate); the trainer's schedule sets it before each step.</summary>
    internal double LearningRate { get; set; }

    /// <summary>Each parameter's learning rate at the base rate given to the constructor, in update order.</summary>
    internal IReadOnlyList<double> LearningRates => _learningRates;

    /// <summary>The parameters, in update order.</summary>
    internal Parameter[] Parameters { get; }

    /// <summary>Each parameter's number of updates so far.</summary>
    internal IReadOnlyList<long> Steps => _steps;

    /// <summary>Whether the parameters live in one flat buffer (CPU, one dtype).</summary>
    internal bool IsFlat => _flat is not null;

    /// <summary>The number of steps done as one update over the flat buffers; for tests.</summary>
    internal long FlatSteps { get; private set; }

    /// <summary>How many gradient tensors were copied into the flat gradient buffer (each was not yet a view of it); for tests.</summary>
    internal long GradientCopies => _flat?.GradientCopies ?? 0;

    /// <summary>A state buffer of a parameter (null when not yet initialised); for tests.</summary>
    internal Tensor? Buffer(int slot, int index) => _present[slot][index] ? _buffers[slot][index] : null;

    /// <summary>Sets every existing gradient to zero (gradients stay allocated, as TorchSharp's <c>zero_grad</c>).</summary>
    internal void ZeroGrad()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_flat is not null)
        {
            _flat.ZeroGradients();
            return;
        }

        foreach (var p in Parameters)
        {
            using var grad = p.grad;
            grad?.zero_();
        }
    }

    /// <summary>
    /// Updates every parameter that has a gradient, in its own dispose scope and without recording gradients. A non-finite
    /// gradient stops the step before anything changes; <see cref="BeforeUpdate"/> runs just before the update; non-finite
    /// parameters after the update are reported too (the caller restores what <see cref="BeforeUpdate"/> saved).
    /// </summary>
    /// <exception cref="NonFiniteUpdateException">A gradient is NaN or infinite (nothing was changed), or the update made a parameter NaN or infinite or overflowed the parameters' type (a learning rate too large for float32).</exception>
    internal void Step()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        if (_flat is null)
        {
            StepEach();
            return;
        }

        // One host read-back per step: the sum of the values after the update is non-finite whenever a value is (a
        // non-finite gradient makes its values non-finite too); only then are the values checked one by one (the sum of
        // finite values can overflow) and the gradients, to name the cause. BeforeUpdate lets the caller roll back.
        StepFlat();
        if (!double.IsFinite(_flat.Values.sum().to(ScalarType.Float64).item<double>()))
        {
            CheckFinite();
        }
    }

    /// <summary>
    /// <see cref="Step"/> over the flat buffers without reading anything back: returns the sum of all parameter values
    /// (a scalar in the caller's dispose scope), non-finite whenever a value is, for the caller to read back with its own
    /// numbers; when it is not finite the caller calls <see cref="CheckFinite"/> (the sum of finite values can overflow).
    /// </summary>
    /// <exception cref="InvalidOperationException">The parameters are not in a flat buffer (<see cref="IsFlat"/>).</exception>
    /// <exception cref="NonFiniteUpdateException">The update overflowed the parameters' type.</exception>
    internal Tensor StepDeferringCheck()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var flat = _flat ?? throw new InvalidOperationException("StepDeferringCheck needs the parameters in one flat buffer.");
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        StepFlat();
        return flat.Values.sum().MoveToOuterDisposeScope();
    }

    /// <summary>Checks every parameter value after a <see cref="StepDeferringCheck"/> whose sum was not finite.</summary>
    /// <exception cref="NonFiniteUpdateException">A value is NaN or infinite (the message names a non-finite gradient as the cause when there is one).</exception>
    internal void CheckFinite()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        if (_flat is not null && !AllFinite(_flat.Values))
        {
            throw NonFinite();
        }
    }

    /// <summary>The update over the flat buffers (one run of the update rule per run of alike parameters), after <see cref="BeforeUpdate"/>.</summary>
    private void StepFlat()
    {
        var flat = _flat!;
        flat.Attach(_active);
        BeforeUpdate?.Invoke();
        try
        {
            for (int first = 0, end; first < Parameters.Length; first = end)
            {
                end = first + 1;
                if (!_active[first])
                {
                    continue;
                }

                while (end < Parameters.Length && _active[end] && _steps[end] == _steps[first] && _learningRates[end] == _learningRates[first] && _present.All(slot => slot[end] == slot[first]))
                {
                    end++;
                }

                ApplyRun(first, end);
            }
        }
        catch (ExternalException e) when (e.Message.Contains("without overflow", StringComparison.Ordinal))
        {
            throw new NonFiniteUpdateException(AllFinite(flat.Gradients) ? "parameter" : "gradient", e);
        }
    }

    /// <summary>The exception for non-finite values after a flat update, naming a non-finite gradient as the cause when there is one.</summary>
    private NonFiniteUpdateException NonFinite() => new(AllFinite(_flat!.Gradients) ? "parameter" : "gradient");

    /// <summary>The update parameter by parameter (parameters not in a flat buffer), checking the values after it.</summary>
    private void StepEach()
    {
        var grads = Parameters.Select(p => p.grad).ToArray();
        BeforeUpdate?.Invoke();
        try
        {
            for (int i = 0; i < Parameters.Length; i++)
            {
                if (grads[i] is not { } grad)
                {
                    continue;
                }

                _steps[i]++;
                Apply(Parameters[i], grad, _buffers.Select(b => b[i]).ToArray(), _present.Select(p => p[i]).ToArray(), _steps[i], RateOf(i));
                MarkPresent(i..(i + 1));
            }
        }
        catch (ExternalException e) when (e.Message.Contains("without overflow", StringComparison.Ordinal))
        {
            throw new NonFiniteUpdateException(Cause(grads), e);
        }

        if (Parameters.Any(p => !AllFinite(p)))
        {
            throw new NonFiniteUpdateException(Cause(grads));
        }
    }

    /// <summary>What made an update non-finite: "gradient" when a gradient was, else "parameter".</summary>
    private static string Cause(Tensor?[] grads) => grads.Any(g => g is not null && !AllFinite(g)) ? "gradient" : "parameter";

    /// <summary>Called by <see cref="Step"/> before any value changes (the trainer saves the state it rolls back to when the update turns out non-finite).</summary>
    internal Action? BeforeUpdate { get; set; }

    /// <summary>
    /// The tensors that hold the parameters' values: the one flat buffer when the parameters are views of it (one copy
    /// instead of one per parameter), else the parameters themselves.
    /// </summary>
    internal IReadOnlyList<Tensor> ValueTensors => _flat is not null ? [_flat.Values] : Parameters;

    /// <summary>The state buffers <see cref="Step"/> changes besides the parameters (owned by the optimiser).</summary>
    internal IEnumerable<Tensor> StateTensors => _flat is not null ? _flatStates.OfType<Tensor>() : _buffers.SelectMany(b => b);

    /// <summary>A copy of the per-parameter step counts and initialisation flags.</summary>
    internal (long[] Steps, bool[][] Present) Counters() => ((long[])_steps.Clone(), _present.Select(p => (bool[])p.Clone()).ToArray());

    /// <summary>Restores counters taken with <see cref="Counters"/>.</summary>
    internal void RestoreCounters((long[] Steps, bool[][] Present) counters)
    {
        Array.Copy(counters.Steps, _steps, _steps.Length);
        for (int s = 0; s < _present.Length; s++)
        {
            Array.Copy(counters.Present[s], _present[s], _present[s].Length);
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
            for (int s = 0; s < _buffers.Length; s++)
            {
                writer.Write(_present[s][i]);
                if (_present[s][i])
                {
                    _buffers[s][i].Save(writer);
                }
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
        using var noGrad = torch.no_grad();
        Array.Copy(steps, _steps, steps.Length);
        for (int s = 0; s < _buffers.Length; s++)
        {
            for (int i = 0; i < Parameters.Length; i++)
            {
                _present[s][i] = buffers[s][i] is not null;
                if (buffers[s][i] is { } loaded)
                {
                    _buffers[s][i].copy_(loaded);
                    loaded.Dispose();
                }
                else
                {
                    _buffers[s][i].zero_();
                }
            }
        }
    }

    /// <summary>Frees the state buffers (the parameters keep their values). Idempotent.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var t in _buffers.SelectMany(b => b).Concat(_flatStates.OfType<Tensor>()))
        {
            t.Dispose();
        }

        _flat?.Dispose();
        DisposeScalars();
    }

    /// <summary>
    /// The update rule, on one parameter or on the flat buffer of all (element-wise, so both give the same numbers).
    /// <paramref name="state"/> holds the buffers of each slot; <paramref name="initialised"/> says which hold values
    /// from earlier steps; <paramref name="step"/> counts this update (1 at the first); <paramref name="learningRate"/> is
    /// the rate of these parameters.
    /// </summary>
    protected abstract void Apply(Tensor parameter, Tensor grad, Tensor[] state, bool[] initialised, long step, double learningRate);

    /// <summary>Disposes the Scalars the optimiser holds for the whole run.</summary>
    protected abstract void DisposeScalars();

    /// <summary>Converts TorchSharp's state of this optimiser into buffers (slot-major, owned copies) and step counts.</summary>
    protected abstract (long[] Steps, Tensor?[][] Buffers) FromTorchSharp(IReadOnlyList<OptimizerState> states);

    /// <summary>TorchSharp's optimiser of the same kind over the same parameters, used only to read its saved state.</summary>
    protected abstract OptimizerHelper CreateTorchSharp();

    /// <summary>An owned copy of a tensor from TorchSharp's state (which its optimiser disposes).</summary>
    protected static Tensor? Copy(Tensor? t) => t?.clone().DetachFromDisposeScope();

    private static bool AllFinite(Tensor t) => t.isfinite().all().item<bool>();

    private static void DisposeAll(Tensor?[][] buffers)
    {
        foreach (var t in buffers.SelectMany(b => b))
        {
            t?.Dispose();
        }
    }

    /// <summary>
    /// One update of the parameters first..end−1 (adjacent in the flat buffers, all with a gradient, one step count, one
    /// learning rate and one initialisation state per slot) over their part of the flat buffers: the whole buffers in the usual case.
    /// </summary>
    /// <summary>
    /// Parameter <paramref name="index"/>'s rate for the next step: <see cref="LearningRate"/> for parameters at the base
    /// rate, and a group rate scaled by the schedule's factor (LearningRate / base rate) otherwise.
    /// </summary>
    private double RateOf(int index) => _learningRates[index] == _baseLearningRate
        ? LearningRate
        : _learningRates[index] * (LearningRate / _baseLearningRate);

    private void ApplyRun(int first, int end)
    {
        var flat = _flat!;
        long step = _steps[first] + 1;
        Array.Fill(_steps, step, first, end - first);
        var initialised = _present.Select(slot => slot[first]).ToArray();
        if (first == 0 && end == Parameters.Length)
        {
            Apply(flat.Values, flat.Gradients, _flatStates!, initialised, step, RateOf(first));
            FlatSteps++;
        }
        else
        {
            long offset = flat.Offsets[first], length = flat.Offsets[end] - offset;
            Apply(flat.Values.narrow(0, offset, length), flat.Gradients.narrow(0, offset, length), _flatStates.Select(s => s!.narrow(0, offset, length)).ToArray(), initialised, step, RateOf(first));
        }

        MarkPresent(first..end);
    }

    private void MarkPresent(Range range)
    {
        foreach (var slot in _present)
        {
            Array.Fill(slot, true, range.Start.Value, range.GetOffsetAndLength(slot.Length).Length);
        }
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
                if (steps[i] < 0)
                {
                    throw new FormatException($"the optimiser state gives parameter {i} a step count of {steps[i]}; step counts are ≥ 0.");
                }

                for (int s = 0; s < slots; s++)
                {
                    if (reader.ReadBoolean())
                    {
                        buffers[s][i] = torch.zeros_like(Parameters[i]).DetachFromDisposeScope();
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
        return FromTorchSharp(legacy.state_dict().State);
    }
}
