using System.Text.Json.Nodes;

namespace MultiTask.Inputs;

/// <summary>
/// A fitted, immutable transform that turns a user's raw input into a model's features, saved inside the model file
/// (see <see cref="MultiTaskModel.AttachPreprocessing"/>). The core library only stores and restores it: packages
/// such as <c>MultiTask.Tabular</c> implement it and apply it.
/// </summary>
/// <remarks>
/// The JSON form carries the <see cref="Kind"/>; <see cref="InputTransforms"/> recreates a transform from it with the
/// reader registered for that kind.
/// </remarks>
public interface IFittedInputTransform
{
    /// <summary>The kind, the discriminator of the JSON form (e.g. "pipeline", "standard-scaler").</summary>
    string Kind { get; }

    /// <summary>The fitted state as JSON, including <c>"kind"</c>.</summary>
    JsonObject ToJson();
}
