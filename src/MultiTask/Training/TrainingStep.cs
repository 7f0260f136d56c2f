using MultiTask.Internal;
using MultiTask.Losses;
using MultiTask.Models;
using MultiTask.Training.Optimizers;
using MultiTask.Weighting;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Training;

/// <summary>
/// One optimisation step: forward, per-task masked losses, the NaN guard, then the weighting method's backward
/// (one weighted backward for loss-based methods; per-task gradients, combination and write-back for gradient-based
/// ones), clipping and the optimiser step. The caller opens the dispose scope.
/// </summary>
/// <remarks>
/// Per-task gradients of the shared parameters go straight into the rows of one preallocated Jacobian
/// (<see cref="JacobianBuffer"/>). On the CPU the float64 Gramian is computed on the host straight from J's memory and
/// the task losses come back in one small read; on another device the losses and the Gramian share one read-back.
/// </remarks>
internal sealed class TrainingStep : IDisposable
{
    private readonly MultiTaskModel _model;
    private readonly WeightingMethod _weighting;
    private readonly WeightingState _state;
    private readonly TrainerOptions _options;
    private readonly Parameter[] _shared;
    private readonly Parameter[][] _heads;
    private readonly Parameter[] _allHeads;
    private readonly Parameter[] _modelParameters;
    private readonly bool _withoutClassWeights;
    private JacobianBuffer? _jacobian;
    private Tensor? _representationRows;
    private Tensor? _direction;
    private Tensor? _gramianScratch;

    internal TrainingStep(MultiTaskModel model, WeightingMethod weighting, WeightingState state, TrainerOptions options)
    {
        _model = model;
        _weighting = weighting;
        _state = state;
        _options = options;
        _shared = model.SharedParameters.ToArray();
        _heads = model.Tasks.Select(t => model.TaskParameters(t.Name).ToArray()).ToArray();
        _allHeads = _heads.SelectMany(h => h).ToArray();
        _modelParameters = model.Network.parameters().ToArray();
        _withoutClassWeights = model.Tasks.All(t => t.ClassWeights is null);
        if (weighting is GradientWeighting && options.GradientSource == GradientSource.Representation && model.Network.RepresentationUnavailableReason is { } reason)
        {
            throw new ArgumentException($"{weighting.Name} with GradientSource.Representation needs one representation that every task reads, but the model's architecture {model.Architecture} has none: {reason}. Use GradientSource.SharedParameters.", nameof(options));
        }
    }

    internal LossHistory History { get; } = new();

    /// <summary>Whether the last <see cref="Run"/> updated the weights before it read its losses back (so a non-finite loss is found after the update).</summary>
    internal bool UpdatedBeforeLossCheck { get; private set; }

    /// <summary>Runs one step on a batch; the label mask <paramref name="m"/> is null when every row of the batch has every label.</summary>
    internal StepOutcome Run(ParameterOptimizer optimizer, Tensor x, Tensor y, Tensor? m, int epoch, long step, bool measureGradients)
    {
        UpdatedBeforeLossCheck = _weighting is StaticWeighting && !measureGradients && optimizer.IsFlat;
        if (UpdatedBeforeLossCheck)
        {
            return RunStatic((StaticWeighting)_weighting, optimizer, x, y, m, epoch, step);
        }

        // Without a mask (every row has every label) and without class weights, the losses are plain means.
        bool plain = m is null && _withoutClassWeights;
        Tensor Mask() => m ??= torch.ones_like(y);
        var tasks = _model.Tasks;
        int taskCount = tasks.Count;
        var network = _model.Network;
        bool representation = _weighting is GradientWeighting && _options.GradientSource == GradientSource.Representation;
        // Representation mode differentiates at the shared representation z; otherwise the architecture's forward.
        var z = representation ? network.Encode(x) : null;
        var (outputs, leaves) = z is null ? (network.forward(x), null) : DecodeAtLeaves(network, z, taskCount);
        // Per-task gradients need each loss on its own graph; a combined objective is cheaper from one batched chain.
        bool perTask = measureGradients || _weighting is GradientWeighting;
        Tensor[]? separate = !perTask ? null : plain ? TaskLoss.BatchMeans(tasks, outputs, y) : TaskLoss.BatchLosses(tasks, outputs, y, Mask());
        var (stacked, weightSums) = (separate, plain) switch
        {
            (null, true) => (TaskLoss.StackedMeans(tasks, outputs, y), null),
            (null, false) => TaskLoss.StackedLosses(tasks, outputs, y, Mask()),
            (_, true) => (torch.stack(separate), null),
            (_, false) => (torch.stack(separate), WeightSums(tasks, y, Mask())),
        };
        optimizer.ZeroGrad();
        // The per-task backward passes come before the read-back, so that the losses and the Gramian share it.
        var jacobian = _weighting is GradientWeighting
            ? (representation ? RepresentationJacobian(separate!, leaves!) : SharedJacobian(separate!))
            : measureGradients ? SharedJacobian(separate!, withHeads: false) : null;
        // Without a mask every task's label count is the batch's row count, known on the host.
        var (stats, gramian) = ReadBack(weightSums is null ? stacked.detach() : torch.cat([stacked.detach(), weightSums]), jacobian);
        var values = stats[..taskCount];
        var counts = weightSums is null ? Enumerable.Repeat((double)y.shape[0], taskCount).ToArray() : stats[taskCount..];
        CheckLosses(values, epoch, step);

        var random = new Random(SeedMix.Of(_options.Seed, step, stream: 2));
        double[] weights;
        switch (_weighting)
        {
            case LossWeighting lossWeighting:
                var combination = lossWeighting.Combine(new LossWeightingContext
                {
                    Losses = stacked,
                    LossValues = values,
                    Epoch = epoch,
                    Step = step,
                    Random = random,
                    History = History,
                    State = _state,
                });
                combination.Objective.backward();
                weights = combination.Weights;
                break;
            case GradientWeighting gradientWeighting:
                weights = representation
                    ? RepresentationBackward(gradientWeighting, jacobian!, gramian!, z!, values, epoch, step, random)
                    : SharedBackward(gradientWeighting, jacobian!, gramian!, values, epoch, step, random);
                break;
            default:
                throw new InvalidOperationException($"Unsupported weighting method type {_weighting.GetType().Name}.");
        }

        network.Penalty(x)?.backward();
        if (_options.MaxGradientNorm is double maxNorm)
        {
            torch.nn.utils.clip_grad_norm_(_modelParameters, maxNorm);
        }

        optimizer.Step();
        if (_weighting is LossWeighting { NeedsLossesAfterStep: true } afterStep)
        {
            afterStep.AfterStep(_state, values, LossesAfterStep(x, y, Mask()));
        }
        return new StepOutcome(values, counts, weights, gramian);
    }

    /// <summary>
    /// A step with static task weights (the default, equal weighting): the losses are not needed on the host before the
    /// update, so they come back after it, in the step's one read-back, together with the sum of the updated weights
    /// (non-finite whenever a weight is). A non-finite loss or weight is reported after the update, which the trainer
    /// then rolls back (<see cref="StepGuard"/>: for a non-finite loss, to before the previous update, the weights that last
    /// gave a finite loss), so the step is not applied either way. Without a mask (every row has
    /// every label) and without class weights, the losses are plain means.
    /// </summary>
    private StepOutcome RunStatic(StaticWeighting weighting, ParameterOptimizer optimizer, Tensor x, Tensor y, Tensor? m, int epoch, long step)
    {
        var tasks = _model.Tasks;
        int taskCount = tasks.Count;
        var network = _model.Network;
        var outputs = network.forward(x);
        bool plain = m is null && _withoutClassWeights;
        var (losses, weightSums) = plain ? (TaskLoss.StackedMeans(tasks, outputs, y), null) : TaskLoss.StackedLosses(tasks, outputs, y, m ?? torch.ones_like(y));
        optimizer.ZeroGrad();
        var weights = weighting.Weights.ToArray();
        WeightedSum.Of(losses, weights).backward();
        network.Penalty(x)?.backward();
        if (_options.MaxGradientNorm is double maxNorm)
        {
            torch.nn.utils.clip_grad_norm_(_modelParameters, maxNorm);
        }

        var valueSum = optimizer.StepDeferringCheck();
        using var host = torch.cat(weightSums is null ? [losses.detach(), valueSum.view(1)] : [losses.detach(), weightSums, valueSum.view(1)]).data<float>();
        var values = new double[taskCount];
        var counts = new double[taskCount];
        for (int t = 0; t < taskCount; t++)
        {
            values[t] = host[t];
            counts[t] = weightSums is null ? y.shape[0] : host[taskCount + t];
        }

        CheckLosses(values, epoch, step);
        if (!float.IsFinite(host[host.Count - 1]))
        {
            optimizer.CheckFinite();
        }

        return new StepOutcome(values, counts, weights, null);
    }

    /// <exception cref="TrainingDivergedException">A task's loss is not finite.</exception>
    private void CheckLosses(double[] values, int epoch, long step)
    {
        for (int t = 0; t < values.Length; t++)
        {
            if (!double.IsFinite(values[t]))
            {
                throw new TrainingDivergedException(
                    $"Task '{_model.Tasks[t].Name}' has a non-finite loss ({values[t]}) at epoch {epoch}, step {step}; the step was not applied. " +
                    "Try a lower learning rate, gradient clipping (MaxGradientNorm), or scaling the inputs and targets.");
            }
        }
    }

    /// <summary>Frees the reusable buffers (they are allocated again by the next step that needs them).</summary>
    public void Dispose() => ReleaseBuffers();

    /// <summary>Frees the Jacobian buffer, the representation rows and direction and the Gramian scratch; the next step allocates them again.</summary>
    internal void ReleaseBuffers()
    {
        _jacobian?.Dispose();
        _jacobian = null;
        _representationRows?.Dispose();
        _representationRows = null;
        _direction?.Dispose();
        _direction = null;
        _gramianScratch?.Dispose();
        _gramianScratch = null;
    }

    /// <summary>
    /// The per-task gradients of the shared parameters, [T, P], written by the backward passes into the reused Jacobian
    /// buffer (the last pass frees the graph); with <paramref name="withHeads"/>, each head also gets its own task's gradient.
    /// </summary>
    private Tensor SharedJacobian(Tensor[] losses, bool withHeads = true)
    {
        int taskCount = losses.Length;
        var buffer = _jacobian ??= new JacobianBuffer(_shared, taskCount);
        buffer.Begin();
        try
        {
            for (int t = 0; t < taskCount; t++)
            {
                buffer.Target(t);
                bool last = t == taskCount - 1;
                torch.autograd.backward([losses[t]], retain_graph: !last || !withHeads, inputs: withHeads ? [.. _shared, .. _heads[t]] : _shared);
            }
        }
        finally
        {
            buffer.End();
        }

        return buffer.Matrix;
    }

    /// <summary>
    /// The tasks' outputs from detached copies of the representation z (leaves of the heads' graph): one leaf per task
    /// when the architecture can decode each task from its own (<see cref="MultiTaskNetwork.DecodeEach"/>), else one
    /// leaf that every head reads.
    /// </summary>
    private static (Tensor[] Outputs, Tensor[] Leaves) DecodeAtLeaves(MultiTaskNetwork network, Tensor z, int taskCount)
    {
        var leaves = new Tensor[taskCount];
        for (int t = 0; t < taskCount; t++)
        {
            leaves[t] = z.detach().requires_grad_(true);
        }

        if (network.DecodeEach(leaves) is { } outputs)
        {
            return (outputs, leaves);
        }

        return (network.Decode(leaves[0]), [leaves[0]]);
    }

    /// <summary>
    /// Per-task gradients at the representation z (cheap: through the heads only), [T, B·H], written straight into one
    /// matrix that is kept while the batch size stays the same: with one leaf per task in one backward pass over every
    /// loss, else one backward pass per task at the shared leaf.
    /// </summary>
    private Tensor RepresentationJacobian(Tensor[] losses, Tensor[] leaves)
    {
        int taskCount = losses.Length;
        var leaf = leaves[0];
        if (_representationRows is null || _representationRows.shape[1] != leaf.numel())
        {
            _representationRows?.Dispose();
            _direction?.Dispose();
            _representationRows = torch.empty(taskCount, leaf.numel(), dtype: leaf.dtype, device: leaf.device).DetachFromDisposeScope();
            _direction = torch.empty(leaf.numel(), dtype: leaf.dtype, device: leaf.device).DetachFromDisposeScope();
        }

        var rows = _representationRows.zero_();
        if (leaves.Length == taskCount)
        {
            for (int t = 0; t < taskCount; t++)
            {
                leaves[t].grad = rows[t].view_as(leaf);
            }

            torch.autograd.backward(losses, inputs: [.. leaves, .. _allHeads]);
        }
        else
        {
            for (int t = 0; t < taskCount; t++)
            {
                leaf.grad = rows[t].view_as(leaf);
                torch.autograd.backward([losses[t]], retain_graph: t < taskCount - 1, inputs: [leaf, .. _heads[t]]);
            }
        }

        foreach (var l in leaves)
        {
            l.grad = null;
        }

        return rows;
    }

    /// <summary>
    /// One host read-back per step: the losses and label counts (float32), and with a Jacobian its float64 Gramian (on the
    /// CPU computed by the host from J's memory, which is much cheaper than a dozen float64 tensor operations).
    /// </summary>
    private (double[] Stats, double[,]? Gramian) ReadBack(Tensor stats, Tensor? jacobian)
    {
        if (jacobian is null)
        {
            return (Array.ConvertAll(stats.cpu().data<float>().ToArray(), v => (double)v), null);
        }

        if (SharedGradients.HostGramian(jacobian) is { } hostGramian)
        {
            return (Array.ConvertAll(stats.cpu().data<float>().ToArray(), v => (double)v), hostGramian);
        }

        int taskCount = (int)jacobian.shape[0];
        int count = (int)stats.numel();
        var host = torch.cat([stats.to(ScalarType.Float64), SharedGradients.GramianTensor(jacobian, _gramianScratch ??= SharedGradients.GramianScratch(taskCount, jacobian.device)).flatten()]).cpu().data<double>().ToArray();
        var gramian = new double[taskCount, taskCount];
        Buffer.BlockCopy(host, count * sizeof(double), gramian, 0, taskCount * taskCount * sizeof(double));
        return (host[..count], gramian);
    }

    /// <summary>Combines the per-task gradients of the shared parameters and writes the direction; heads already hold their own task's gradient.</summary>
    private double[] SharedBackward(GradientWeighting method, Tensor jacobian, double[,] gramian, double[] values, int epoch, long step, Random random)
    {
        var combination = Combine(method, gramian, values, epoch, step, jacobian, random, representation: null, representationShape: null);
        if (combination.Direction is { } direction)
        {
            SharedGradients.Write(_shared, direction);
        }
        else
        {
            SharedGradients.WriteCombination(_shared, jacobian, combination.Weights);
        }

        WeightHeads(combination);
        return combination.Weights;
    }

    /// <summary>Combines the per-task gradients at the representation z, then one trunk backward of Σ wₜ ∂Lₜ/∂z.</summary>
    private double[] RepresentationBackward(GradientWeighting method, Tensor jacobian, double[,] gramian, Tensor z, double[] values, int epoch, long step, Random random)
    {
        var rep = z.detach().flatten();
        var combination = Combine(method, gramian, values, epoch, step, jacobian, random, rep, z.shape);
        var direction = combination.Direction ?? Direct(jacobian, combination.Weights);
        torch.autograd.backward([z], [direction.view_as(z)], inputs: _shared);
        WeightHeads(combination);
        return combination.Weights;
    }

    private static Tensor WeightSums(IReadOnlyList<TaskSpec> tasks, Tensor y, Tensor m)
        => tasks.Any(t => t.ClassWeights is not null)
            ? torch.stack(tasks.Select((task, t) => TaskLoss.SampleWeights(task, y.select(1, t), m.select(1, t)).sum()).ToArray())
            : m.sum(dim: 0);

    /// <summary>The batch's task losses with the updated weights (no gradients; the network stays in training mode, as LibMTL).</summary>
    private double[] LossesAfterStep(Tensor x, Tensor y, Tensor m)
    {
        using var noGrad = torch.no_grad();
        var (losses, _) = TaskLoss.StackedLosses(_model.Tasks, _model.Network.forward(x), y, m);
        return losses.to(ScalarType.Float64).cpu().data<double>().ToArray();
    }

    private GradientCombination Combine(GradientWeighting method, double[,] gramian, double[] values, int epoch, long step, Tensor jacobian, Random random, Tensor? representation, long[]? representationShape)
    {
        var combination = method.Combine(new GradientWeightingContext
        {
            Gramian = gramian,
            Losses = values,
            Epoch = epoch,
            Step = step,
            Random = random,
            History = History,
            State = _state,
            Jacobian = method.NeedsJacobian || representation is not null ? jacobian : null,
            Representation = representation,
            RepresentationShape = representationShape,
        });
        if (combination.Weights.Length != values.Length || combination.Weights.Any(w => !double.IsFinite(w)))
        {
            throw new InvalidOperationException($"Weighting method {method.Name} returned {combination.Weights.Length} weights ({string.Join(", ", combination.Weights)}); expected {values.Length} finite values.");
        }

        return combination;
    }

    /// <summary>
    /// wᵀJ, [B·H]: on the CPU written by the host into the buffer made with the representation rows (float64
    /// accumulation, one rounding), elsewhere one matrix product.
    /// </summary>
    private Tensor Direct(Tensor jacobian, double[] weights)
    {
        if (_direction is { } buffer && SharedGradients.HostCombination(jacobian, weights, buffer))
        {
            return buffer;
        }

        var w = torch.tensor(Array.ConvertAll(weights, v => (float)v), device: jacobian.device).to(jacobian.dtype);
        return w.matmul(jacobian);
    }

    private void WeightHeads(GradientCombination combination)
    {
        var scales = combination.HeadScales ?? (_options.HeadGradients == HeadGradientMode.Weighted ? combination.Weights : null);
        if (scales is not null)
        {
            for (int t = 0; t < scales.Length; t++)
            {
                SharedGradients.Scale(_heads[t], scales[t]);
            }
        }
    }
}
