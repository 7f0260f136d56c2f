using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace MultiTask.Models;

/// <summary>
/// The architecture axis: the TorchSharp module of a multi-task model. It maps a batch of inputs to one output per
/// task and declares which parameters are shared and which belong to one task, which is what the trainer, the
/// weighting methods, checkpoints, prediction, evaluation and the model file work through. Hard parameter sharing
/// (<see cref="HardSharingNetwork"/>: one trunk, one head per task) is the first implementation; the others live in
/// <c>MultiTask.Architectures</c>. The shape follows LibMTL's <c>AbsArchitecture</c> (Lin and Zhang, "LibMTL: A
/// Python Library for Multi-Task Learning", JMLR 24, 2023).
/// </summary>
/// <remarks>
/// <para>
/// A subclass keeps its submodules in fields with <c>[ComponentName]</c> (stable parameter paths) and calls
/// <c>RegisterComponents()</c> last in its constructor. <see cref="Module{T, TResult}.forward"/> returns one output
/// per task, in task order: [batch, 1] for regression and binary tasks, [batch, classes] for multiclass ones.
/// </para>
/// <para>
/// Representation-gradient mode (<c>GradientSource.Representation</c>, used by MGDA-UB, GradDrop and others) needs one
/// representation tensor that every task reads: an architecture that has it overrides
/// <see cref="RepresentationUnavailableReason"/> to return null and implements <see cref="Encode"/> and
/// <see cref="Decode"/>; the others keep the default, and the trainer refuses that mode with the reason.
/// </para>
/// <para>
/// The network is in evaluation mode from construction on; <c>MultiTaskTrainer.Fit</c> switches it to training mode
/// only while it fits and back afterwards. A custom training loop that calls <c>train()</c> must call <c>eval()</c>
/// before the model predicts or evaluates again (they refuse a network in training mode rather than switch a shared
/// module's mode).
/// </para>
/// </remarks>
public abstract class MultiTaskNetwork : Module<Tensor, Tensor[]>
{
    /// <summary>Creates the module.</summary>
    /// <param name="name">The module's name (not part of the parameter paths).</param>
    protected MultiTaskNetwork(string name)
        : base(name)
    {
    }

    /// <summary>
    /// The parameters every task's loss reaches, as gradient-based task weighting sees them. Default: every parameter
    /// that is not in any task's <see cref="TaskParameters"/>, in registration order.
    /// </summary>
    /// <param name="taskCount">The number of tasks.</param>
    public virtual IReadOnlyList<Parameter> SharedParameters(int taskCount)
    {
        var owned = new HashSet<Parameter>(ReferenceEqualityComparer.Instance);
        for (int t = 0; t < taskCount; t++)
        {
            owned.UnionWith(TaskParameters(t));
        }

        return parameters().Where(p => !owned.Contains(p)).ToArray();
    }

    /// <summary>The parameters that only one task's loss reaches (its head or tower, its gate).</summary>
    /// <param name="task">The task's index, in task order.</param>
    public abstract IReadOnlyList<Parameter> TaskParameters(int task);

    /// <summary>
    /// Null when every task reads one shared representation (then <see cref="Encode"/> and <see cref="Decode"/>
    /// work); otherwise why there is none, for the message that refuses representation-gradient mode.
    /// Default: "each task reads its own representation".
    /// </summary>
    public virtual string? RepresentationUnavailableReason => $"{GetType().Name} gives each task its own representation, so there is no one tensor that every task's gradient can be taken at";

    /// <summary>The representation every task reads, [batch, width].</summary>
    /// <param name="inputs">[batch, width] features or token ids.</param>
    /// <exception cref="NotSupportedException">The architecture has no shared representation (see <see cref="RepresentationUnavailableReason"/>).</exception>
    public virtual Tensor Encode(Tensor inputs) => throw new NotSupportedException(RepresentationUnavailableReason + ".");

    /// <summary>Each task's output from the shared representation, in task order.</summary>
    /// <param name="representation">[batch, width], from <see cref="Encode"/>.</param>
    /// <exception cref="NotSupportedException">The architecture has no shared representation (see <see cref="RepresentationUnavailableReason"/>).</exception>
    public virtual Tensor[] Decode(Tensor representation) => throw new NotSupportedException(RepresentationUnavailableReason + ".");

    /// <summary>
    /// Task t's output from <paramref name="representations"/>[t] (one tensor per task, each the shape
    /// <see cref="Encode"/> gives), so that one backward pass yields every task's gradient at its own copy of the
    /// representation; null when the architecture cannot (then each task's gradient takes its own backward pass through
    /// <see cref="Decode"/>).
    /// </summary>
    internal virtual Tensor[]? DecodeEach(IReadOnlyList<Tensor> representations) => null;

    /// <summary>
    /// A regularisation term the trainer adds to every training step's objective (its gradient is added after the
    /// weighting method's), or null for none. It is not part of the reported task losses. It is built on its own graph
    /// (the task losses' graph is already freed), e.g. soft sharing's λ Σ‖θᵢ − θⱼ‖² from the parameters alone, or
    /// DSelect-k's entropy regulariser from the step's inputs. Default: null.
    /// </summary>
    /// <param name="inputs">The step's batch, [batch, width] features or token ids.</param>
    public virtual Tensor? Penalty(Tensor inputs) => null;

    /// <summary>
    /// The submodule at a parameter-path prefix, e.g. <c>"trunk"</c> (hard sharing), <c>"experts.0"</c> (MMoE) or
    /// <c>"heads.price"</c>: what transfer learning and name maps work on, whatever the architecture's class.
    /// </summary>
    /// <param name="path">The dotted path of the submodule, as in the parameter names.</param>
    /// <exception cref="ArgumentException">The network has no submodule at <paramref name="path"/>; the message lists the top-level ones.</exception>
    public Module Component(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        foreach (var (name, module) in named_modules())
        {
            if (name == path)
            {
                return module;
            }
        }

        throw new ArgumentException($"The network has no component '{path}'; its components are {string.Join(", ", named_children().Select(c => $"'{c.name}'"))}.", nameof(path));
    }
}
