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
internal sealed class TrainingStep
{
    private readonly MultiTaskModel _model;
    private readonly WeightingMethod _weighting;
    private readonly WeightingState _state;
    private readonly TrainerOptions _options;
    private readonly Parameter[] _shared;
    private readonly Parameter[][] _heads;
    private readonly Parameter[] _modelParameters;

    internal TrainingStep(MultiTaskModel model, WeightingMethod weighting, WeightingState state, TrainerOptions options)
    {
        _model = model;
        _weighting = weighting;
        _state = state;
        _options = options;
        _shared = model.SharedParameters.ToArray();
        _heads = model.Tasks.Select(t => model.TaskParameters(t.Name).ToArray()).ToArray();
        _modelParameters = model.Network.parameters().ToArray();
        if (weighting is GradientWeighting && options.GradientSource == GradientSource.Representation && model.Network.RepresentationUnavailableReason is { } reason)
        {
            throw new ArgumentException($"{weighting.Name} with GradientSource.Representation needs one representation that every task reads, but the model's architecture {model.Architecture} has none: {reason}. Use GradientSource.SharedParameters.", nameof(options));
        }
    }

    internal LossHistory History { get; } = new();

    internal StepOutcome Run(ParameterOptimizer optimizer, Tensor x, Tensor y, Tensor m, int epoch, long step, bool measureGradients)
    {
        var tasks = _model.Tasks;
        int taskCount = tasks.Count;
        var network = _model.Network;
        bool representation = _weighting is GradientWeighting && _options.GradientSource == GradientSource.Representation;
        // Representation mode differentiates at the shared representation z; otherwise the architecture's forward.
        var z = representation ? network.Encode(x) : null;
        var zLeaf = z?.detach().requires_grad_(true);
        var outputs = zLeaf is null ? network.forward(x) : network.Decode(zLeaf);
        // Per-task gradients need each loss on its own graph; a combined objective is cheaper from one batched chain.
        bool perTask = measureGradients || _weighting is GradientWeighting;
        Tensor[]? separate = perTask ? TaskLoss.BatchLosses(tasks, outputs, y, m) : null;
        var (stacked, weightSums) = separate is null
            ? TaskLoss.StackedLosses(tasks, outputs, y, m)
            : (torch.stack(separate), WeightSums(tasks, y, m));
        var stats = Array.ConvertAll(torch.cat([stacked.detach(), weightSums]).cpu().data<float>().ToArray(), v => (double)v);
        var values = stats[..taskCount];
        for (int t = 0; t < taskCount; t++)
        {
            if (!double.IsFinite(values[t]))
            {
                throw new TrainingDivergedException(
                    $"Task '{tasks[t].Name}' has a non-finite loss ({values[t]}) at epoch {epoch}, step {step}; the step was not applied. " +
                    "Try a lower learning rate, gradient clipping (MaxGradientNorm), or scaling the inputs and targets.");
            }
        }

        Tensor[] Losses() => separate!;
        optimizer.ZeroGrad();
        var random = new Random(SeedMix.Of(_options.Seed, step, stream: 2));
        double[] weights;
        double[,]? gramian = null;
        switch (_weighting)
        {
            case LossWeighting lossWeighting:
                if (measureGradients)
                {
                    gramian = MeasureGramian(Losses());
                }

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
                (weights, gramian) = representation
                    ? RepresentationBackward(gradientWeighting, Losses(), z!, zLeaf!, values, epoch, step, random)
                    : SharedBackward(gradientWeighting, Losses(), values, epoch, step, random);
                break;
            default:
                throw new InvalidOperationException($"Unsupported weighting method type {_weighting.GetType().Name}.");
        }

        network.Penalty()?.backward();
        if (_options.MaxGradientNorm is double maxNorm)
        {
            torch.nn.utils.clip_grad_norm_(_modelParameters, maxNorm);
        }

        optimizer.Step();
        if (_weighting is LossWeighting { NeedsLossesAfterStep: true } afterStep)
        {
            afterStep.AfterStep(_state, values, LossesAfterStep(x, y, m));
        }
        return new StepOutcome(values, stats[taskCount..], weights, gramian);
    }

    /// <summary>Per-task gradients of the shared parameters, combined by the method; heads get their own task's gradient.</summary>
    private (double[] Weights, double[,] Gramian) SharedBackward(GradientWeighting method, Tensor[] losses, double[] values, int epoch, long step, Random random)
    {
        int taskCount = losses.Length;
        var rows = new Tensor[taskCount];
        for (int t = 0; t < taskCount; t++)
        {
            torch.autograd.backward([losses[t]], retain_graph: t < taskCount - 1, inputs: [.. _shared, .. _heads[t]]);
            rows[t] = SharedGradients.Read(_shared);
            SharedGradients.Clear(_shared);
        }

        var jacobian = torch.stack(rows);
        var gramian = SharedGradients.Gramian(jacobian);
        var combination = Combine(method, gramian, values, epoch, step, jacobian, random, representation: null, representationShape: null);
        var direction = combination.Direction ?? Direct(jacobian, combination.Weights);
        SharedGradients.Write(_shared, direction);
        WeightHeads(combination);
        return (combination.Weights, gramian);
    }

    /// <summary>Per-task gradients at the representation z (cheap: through the heads only), then one trunk backward of Σ wₜ ∂Lₜ/∂z.</summary>
    private (double[] Weights, double[,] Gramian) RepresentationBackward(GradientWeighting method, Tensor[] losses, Tensor z, Tensor zLeaf, double[] values, int epoch, long step, Random random)
    {
        int taskCount = losses.Length;
        var rows = new Tensor[taskCount];
        for (int t = 0; t < taskCount; t++)
        {
            torch.autograd.backward([losses[t]], retain_graph: t < taskCount - 1, inputs: [zLeaf, .. _heads[t]]);
            rows[t] = zLeaf.grad!.flatten().clone();
            zLeaf.grad!.zero_();
        }

        var jacobian = torch.stack(rows);
        var gramian = SharedGradients.Gramian(jacobian);
        var combination = Combine(method, gramian, values, epoch, step, jacobian, random, zLeaf.detach().flatten(), zLeaf.shape);
        var direction = combination.Direction ?? Direct(jacobian, combination.Weights);
        torch.autograd.backward([z], [direction.view_as(z)], inputs: _shared);
        WeightHeads(combination);
        return (combination.Weights, gramian);
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

    /// <summary>For loss-based methods with diagnostics: the Gramian of the shared-parameter gradients, without touching .grad.</summary>
    private double[,] MeasureGramian(Tensor[] losses)
    {
        var rows = new Tensor[losses.Length];
        for (int t = 0; t < losses.Length; t++)
        {
            torch.autograd.backward([losses[t]], retain_graph: true, inputs: _shared);
            rows[t] = SharedGradients.Read(_shared);
            SharedGradients.Clear(_shared);
        }

        return SharedGradients.Gramian(torch.stack(rows));
    }

    private static Tensor Direct(Tensor jacobian, double[] weights)
    {
        var w = torch.tensor(Array.ConvertAll(weights, v => (float)v), device: jacobian.device);
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
