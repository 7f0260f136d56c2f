using System.Text.Json.Nodes;
using MultiTask.Inputs;

[assembly: InputTransformProvider(typeof(MultiTask.Tabular.Preprocessing.TabularTransformProvider))]

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// Makes the built-in preprocessing and selection steps of this package known to <see cref="InputTransforms"/>, so a
/// model file that carries them loads without any registration by hand.
/// </summary>
public sealed class TabularTransformProvider : IInputTransformProvider
{
    /// <inheritdoc />
    public IEnumerable<KeyValuePair<string, Func<JsonObject, IFittedInputTransform>>> Readers =>
        PreprocessingReaders.All.Select(r => new KeyValuePair<string, Func<JsonObject, IFittedInputTransform>>(r.Key, r.Value));
}
