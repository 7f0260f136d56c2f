using System.Globalization;
using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Models;

namespace MultiTask.Architectures;

/// <summary>
/// Describes a multi-task architecture: what input it takes, how to build its <see cref="MultiTaskNetwork"/> for a set
/// of tasks, and its settings as JSON for the model file. The description is saved with the model and read back
/// through <see cref="ArchitectureRegistry"/> by its <see cref="Type"/>, so loading rebuilds the same network.
/// </summary>
/// <remarks>
/// Built in: <see cref="HardSharingArchitecture"/> (what <c>MultiTaskModel.Create(tasks, trunk, head)</c> builds),
/// <see cref="MmoeArchitecture"/>, <see cref="CgcArchitecture"/>, <see cref="PleArchitecture"/>,
/// <see cref="DSelectKArchitecture"/>, <see cref="CrossStitchArchitecture"/> and <see cref="SoftSharingArchitecture"/>.
/// Your own: subclass this and <see cref="MultiTaskNetwork"/>, and register a reader with
/// <see cref="ArchitectureRegistry.Register"/> before loading a model that uses it.
/// </remarks>
public abstract class ArchitectureSpec
{
    /// <summary>Creates the description.</summary>
    protected ArchitectureSpec()
    {
    }

    /// <summary>The name that identifies this architecture in a model file (the registry key), e.g. <c>mmoe</c>.</summary>
    public abstract string Type { get; }

    /// <summary>What a row of input is.</summary>
    public abstract InputKind InputKind { get; }

    /// <summary>The number of input features, or null when the architecture takes token sequences of any length.</summary>
    public abstract int? InputWidth { get; }

    /// <summary>The text trunk whose vocabulary and padding id the token inputs must follow, or null for feature input. Default: null.</summary>
    public virtual TextTrunkSpec? TextInput => null;

    /// <summary>What reads the model input, for error messages, e.g. <c>The model's trunk</c> or <c>PleArchitecture.Experts[0] (level 0, Text(…))</c>.</summary>
    internal virtual string InputOwner => "The model's trunk";

    /// <summary>Builds the network with fresh weights (seeded by the caller).</summary>
    /// <param name="tasks">The tasks, in output order.</param>
    /// <param name="factories">Factories of custom modules named in the description, when loading.</param>
    public abstract MultiTaskNetwork Build(IReadOnlyList<TaskSpec> tasks, ModuleFactories? factories);

    /// <summary>
    /// A lower bound of the number of float32 weights the network built for <paramref name="tasks"/> holds (for
    /// example the weight matrices without biases), or null when it is unknown. Loading checks the file's weight data
    /// against it before building, so a description edited to an absurd size is refused without allocating it.
    /// Default: null (no check).
    /// </summary>
    /// <param name="tasks">The tasks, in output order.</param>
    /// <exception cref="ArgumentOutOfRangeException">One weight matrix would exceed the library's size limit.</exception>
    /// <exception cref="OverflowException">The count does not fit a 64-bit integer.</exception>
    public virtual long? MinimumWeightCount(IReadOnlyList<TaskSpec> tasks) => null;

    /// <summary>
    /// Checks that a model file's weight data is at least as large as the weights this description needs (4 bytes per
    /// float32 weight, <see cref="MinimumWeightCount"/>), before it is built: a description edited to ten million
    /// classes or a huge layer is refused without allocating it.
    /// </summary>
    /// <exception cref="FormatException">The weight data is too small for the description.</exception>
    internal void CheckWeightData(IReadOnlyList<TaskSpec> tasks, long weightBytes)
    {
        long? weights;
        try
        {
            weights = MinimumWeightCount(tasks);
        }
        catch (OverflowException)
        {
            throw new FormatException("the description needs more float32 weights than a 64-bit count holds.");
        }

        if (weights is long count && count * 4 > weightBytes)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"the description needs at least {count:N0} float32 weights ({count * 4:N0} bytes), but the weight data has {weightBytes:N0} bytes."));
        }
    }

    /// <summary>The settings as JSON (without <see cref="Type"/>, which the model file adds); read back by the reader registered for <see cref="Type"/>.</summary>
    public abstract JsonObject ToJson();

    /// <summary>A readable description, e.g. <c>Mmoe(8 experts Mlp(100 → 16, ReLU), towers Mlp(in → 8 → out, ReLU))</c>.</summary>
    public abstract override string ToString();
}
