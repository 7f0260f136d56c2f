using MultiTask.Transfer;

namespace MultiTask;

/// <summary>
/// PyTorch weights and transfer learning on a <see cref="MultiTaskModel"/>: export and import safetensors under
/// PyTorch-style names (<c>trunk.linear0.weight</c>, <c>heads.income.out.bias</c>, <c>trunk.norm0.running_mean</c>),
/// and freeze or unfreeze parameter groups. Thin entry points over <see cref="ModuleWeights"/> and
/// <see cref="ParameterGroups"/>, which work on any TorchSharp module.
/// </summary>
public static class ModelTransfer
{
    /// <summary>
    /// Writes the model's parameters and buffers as a safetensors file, atomically; PyTorch reads it with
    /// <c>safetensors.torch.load_file</c> and <c>load_state_dict</c>.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The file; its folder is created if needed.</param>
    /// <param name="options">Which entries (e.g. only <c>"trunk"</c>), which names, which metadata. Default: everything under the model's names.</param>
    public static void ExportSafetensors(this MultiTaskModel model, string path, WeightExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ModuleWeights.Export(model.Network, path, options);
    }

    /// <summary>
    /// Loads weights from a safetensors file (e.g. a trunk trained in PyTorch) into the model by name, and reports what
    /// was loaded, missing, unexpected and ignored. Shapes are checked before anything changes.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="path">The safetensors file.</param>
    /// <param name="options">Prefix (e.g. only <c>"trunk"</c>), name map, strictness. Default: every entry, the file's names, not strict.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="Safetensors.SafetensorsException">The file is invalid.</exception>
    /// <exception cref="ArgumentException">A shape does not match (the message names the parameter and both shapes), or (strict) names do not match.</exception>
    public static WeightImportReport ImportWeights(this MultiTaskModel model, string path, WeightImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ModuleWeights.Import(model.Network, path, options);
    }

    /// <summary>
    /// Loads weights from another model by name (transfer learning within the library): e.g. with
    /// <c>Prefix = "trunk"</c>, a trunk trained on a data-rich task goes into a new model with new heads. The source's
    /// entries outside the prefix are reported as ignored.
    /// </summary>
    /// <param name="model">The model to receive the weights.</param>
    /// <param name="source">The trained model; unchanged.</param>
    /// <param name="options">Prefix, name map, strictness. Default: every entry, the same names, not strict.</param>
    /// <exception cref="ArgumentException">A shape does not match (the message names the parameter and both shapes), or (strict) names do not match.</exception>
    public static WeightImportReport ImportWeights(this MultiTaskModel model, MultiTaskModel source, WeightImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(source);
        var content = new Safetensors.SafetensorsContent($"model ({source})", ModuleWeights.ToSafetensors(source.Network));
        return ModuleWeights.Import(model.Network, content, options);
    }

    /// <summary>Freezes the parameters under a name prefix (e.g. <c>"trunk"</c>): training leaves them bit-identical.</summary>
    /// <param name="model">The model.</param>
    /// <param name="prefix">A parameter name or prefix: <c>"trunk"</c>, <c>"heads"</c>, <c>"heads.income"</c>, <c>"trunk.linear0"</c>.</param>
    /// <returns>The names of the parameters frozen.</returns>
    /// <exception cref="ArgumentException">No parameter lies under the prefix.</exception>
    public static IReadOnlyList<string> Freeze(this MultiTaskModel model, string prefix)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ParameterGroups.Freeze(model.Network, prefix);
    }

    /// <summary>Unfreezes the parameters under a name prefix, e.g. the trunk after the heads have settled.</summary>
    /// <param name="model">The model.</param>
    /// <param name="prefix">A parameter name or prefix.</param>
    /// <returns>The names of the parameters unfrozen.</returns>
    /// <exception cref="ArgumentException">No parameter lies under the prefix.</exception>
    public static IReadOnlyList<string> Unfreeze(this MultiTaskModel model, string prefix)
    {
        ArgumentNullException.ThrowIfNull(model);
        return ParameterGroups.Unfreeze(model.Network, prefix);
    }
}
