using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MultiTask.Weighting;

/// <summary>
/// A task-balancing method: how the per-task losses (or their gradients) become one update of the shared weights.
/// Each method declares what it needs; the trainer provides exactly that.
/// </summary>
/// <remarks>
/// Derive from <see cref="LossWeighting"/> (methods that only see losses) or <see cref="GradientWeighting"/> (methods
/// that see per-task gradients). A method object is an immutable configuration: its public properties are its
/// hyperparameters (validated in their <c>init</c> accessors, see <see cref="Hyperparameter"/>). Everything a run
/// changes lives in the <see cref="WeightingState"/> that the trainer creates with <see cref="CreateState"/> and owns,
/// so one method object can be given to any number of trainers.
/// </remarks>
public abstract class WeightingMethod
{
    private static readonly JsonSerializerOptions JsonOptions = new() { Converters = { new JsonStringEnumConverter() } };

    private protected WeightingMethod()
    {
    }

    /// <summary>The method's short name, as in the literature (e.g. "UW", "PCGrad").</summary>
    public abstract string Name { get; }

    /// <summary>Whether the method uses the per-epoch mean training losses (the contexts' <c>History</c>).</summary>
    public virtual bool NeedsLossHistory => false;

    /// <summary>Creates the state of one training run (the trainer calls this once and owns the result).</summary>
    /// <param name="setup">The task count, task names, device and seed.</param>
    /// <returns>A new state, initialised by <see cref="InitializeState"/>.</returns>
    public WeightingState CreateState(WeightingSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var state = new WeightingState(Name, setup);
        try
        {
            InitializeState(state);
            return state;
        }
        catch
        {
            state.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The hyperparameters as JSON: every public property the concrete method adds (not <see cref="Name"/> or the
    /// capability flags), by property name, enums as names. A checkpoint stores them so that resuming under other
    /// hyperparameters is refused.
    /// </summary>
    public JsonObject Hyperparameters()
    {
        var json = new JsonObject();
        var properties = GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetMethod is { } get && p.GetIndexParameters().Length == 0 && !IsBaseMember(get))
            .OrderBy(p => p.Name, StringComparer.Ordinal);
        foreach (var property in properties)
        {
            json[property.Name] = JsonSerializer.SerializeToNode(property.GetValue(this), property.PropertyType, JsonOptions);
        }

        return json;
    }

    /// <summary>
    /// Prepares a new run's state: adds learnable vectors (<see cref="WeightingState.AddLearned"/>) and checks the task
    /// count. Other entries may be created on first use. Default: nothing.
    /// </summary>
    /// <param name="state">The new state.</param>
    protected virtual void InitializeState(WeightingState state)
    {
    }

    private static bool IsBaseMember(MethodInfo getter)
        => getter.GetBaseDefinition().DeclaringType is { } type && (type == typeof(WeightingMethod) || type == typeof(LossWeighting) || type == typeof(GradientWeighting));
}
