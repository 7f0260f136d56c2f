using System.Text.Json.Nodes;

namespace MultiTask.Inputs;

/// <summary>
/// Supplies the JSON readers of a package's fitted input transforms. A package names its provider with
/// <see cref="InputTransformProviderAttribute"/>; <see cref="InputTransforms"/> finds it when a model file needs one of
/// its kinds, so loading works without registering anything by hand.
/// </summary>
public interface IInputTransformProvider
{
    /// <summary>The readers, by kind.</summary>
    IEnumerable<KeyValuePair<string, Func<JsonObject, IFittedInputTransform>>> Readers { get; }
}
