using System.Text.Json.Nodes;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Weighting;

/// <summary>
/// A learnable parameter with one value per task, owned by a weighting method (UW's log-variances, IMTL-L's scales,
/// GradNorm's logits): created detached from every dispose scope, read as plain numbers, saved and restored as JSON.
/// </summary>
internal sealed class TaskVector : IDisposable
{
    private TaskVector(Parameter parameter)
    {
        Parameter = parameter;
    }

    internal Parameter Parameter { get; private set; }

    internal static TaskVector Create(WeightingSetup setup, double initial)
    {
        ArgumentNullException.ThrowIfNull(setup);
        using var scope = torch.NewDisposeScope();
        var parameter = new Parameter(torch.full(setup.TaskCount, initial, dtype: ScalarType.Float32, device: setup.Device));
        parameter.DetachFromDisposeScope();
        return new TaskVector(parameter);
    }

    internal double[] Values()
    {
        using var scope = torch.NewDisposeScope();
        return Parameter.detach().to(ScalarType.Float64).cpu().data<double>().ToArray();
    }

    internal JsonArray ToJson() => new(Values().Select(v => (JsonNode)v).ToArray());

    /// <summary>Restores values written by <see cref="ToJson"/>; the count must match.</summary>
    internal void Load(JsonNode? json, string method)
    {
        var values = (json as JsonArray ?? throw new FormatException($"{method} state lacks its learned values.")).Select(n => n!.GetValue<float>()).ToArray();
        if (values.Length != Parameter.shape[0])
        {
            throw new FormatException($"{method} state has {values.Length} values; the model has {Parameter.shape[0]} tasks.");
        }

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        Parameter.copy_(torch.tensor(values, device: Parameter.device));
    }

    public void Dispose() => Parameter.Dispose();
}
