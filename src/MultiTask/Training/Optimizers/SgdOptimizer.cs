using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Training.Optimizers;

/// <summary>
/// SGD with momentum as PyTorch defines it (dampening 0, no Nesterov): g ← g + wd·p (L2); with momentum μ &gt; 0 the
/// buffer is b ← g at a parameter's first step and b ← μb + g afterwards, and g ← b; then p ← p − lr·g.
/// </summary>
internal sealed class SgdOptimizer : ParameterOptimizer
{
    private const int MomentumSlot = 0;
    private readonly double _momentum;
    private readonly double _weightDecay;
    private readonly Scalar _momentumScalar;
    private readonly Scalar _one = 1.0.ToScalar();
    private readonly Scalar _weightDecayScalar;

    /// <param name="parameters">The parameters to update.</param>
    /// <param name="learningRate">lr.</param>
    /// <param name="momentum">μ; 0 for plain SGD.</param>
    /// <param name="weightDecay">wd (L2).</param>
    internal SgdOptimizer(IEnumerable<Parameter> parameters, double learningRate, double momentum, double weightDecay)
        : base(parameters, slots: 1, presentFromStart: false, learningRate)
    {
        _momentum = momentum;
        _weightDecay = weightDecay;
        _momentumScalar = momentum.ToScalar();
        _weightDecayScalar = weightDecay.ToScalar();
    }

    /// <inheritdoc/>
    internal override string Kind => "SGD";

    /// <inheritdoc/>
    protected override void Apply(Tensor parameter, Tensor grad, Tensor[] state, bool[] initialised, long step)
    {
        if (_weightDecay != 0)
        {
            grad = grad.add(parameter, alpha: _weightDecayScalar);
        }

        if (_momentum != 0)
        {
            var buffer = state[MomentumSlot];
            if (!initialised[MomentumSlot])
            {
                buffer.copy_(grad);
            }
            else
            {
                buffer.mul_(_momentumScalar).add_(grad, alpha: _one);
            }

            grad = buffer;
        }

        using var negativeLearningRate = (-LearningRate).ToScalar();
        parameter.add_(grad, alpha: negativeLearningRate);
    }

    /// <inheritdoc/>
    protected override void DisposeScalars()
    {
        foreach (var s in new[] { _momentumScalar, _one, _weightDecayScalar })
        {
            s.Dispose();
        }
    }

    /// <inheritdoc/>
    protected override OptimizerHelper CreateTorchSharp() => new SGD(Parameters, LearningRate, _momentum, weight_decay: _weightDecay);

    /// <inheritdoc/>
    protected override (long[] Steps, Tensor?[][] Buffers) FromTorchSharp(IReadOnlyList<OptimizerState> states)
    {
        var buffers = new[] { new Tensor?[states.Count] };
        for (int i = 0; i < states.Count; i++)
        {
            var state = states[i] as SGD.State ?? throw new FormatException($"unexpected TorchSharp state {states[i].GetType().Name}.");
            buffers[MomentumSlot][i] = Copy(state.momentum_buffer);
        }

        // TorchSharp's SGD keeps no step count; SGD's update does not depend on it.
        return (new long[states.Count], buffers);
    }
}
