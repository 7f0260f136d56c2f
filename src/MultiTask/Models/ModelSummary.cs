using System.Globalization;
using System.Text;
using TorchSharp.Modules;
using static TorchSharp.torch.nn;
using Tensor = TorchSharp.torch.Tensor;

namespace MultiTask.Models;

/// <summary>
/// The text of <see cref="MultiTaskModel.Summary"/> and <see cref="MultiTaskModel.ToString"/>: one line per layer
/// (its parameter path, type, output shape and parameter count), grouped as the shared trunk and each task's head,
/// then the totals. Numbers use the invariant culture.
/// </summary>
internal static class ModelSummary
{
    private const string Batch = "batch";

    /// <summary>The layer table and totals.</summary>
    internal static string Table(MultiTaskModel model)
    {
        if (model.Network is not HardSharingNetwork network)
        {
            return ArchitectureTable(model);
        }

        var rows = new List<(string Layer, string Shape, string Parameters)>();
        long shared = Parameters(network.Trunk);
        rows.Add(($"Shared trunk: {model.Trunk}", string.Empty, string.Empty));
        AddLayers(rows, "trunk", network.Trunk, model.Trunk is CustomTrunkSpec, [Batch, Width(model.Trunk)], model.Trunk.OutputSize);
        var perTask = new long[model.Tasks.Count];
        for (int t = 0; t < model.Tasks.Count; t++)
        {
            var task = model.Tasks[t];
            perTask[t] = Parameters(network.Heads[t]);
            rows.Add(($"Head of task '{task.Name}' ({Kind(task)}): {model.HeadSpecs[t]}", string.Empty, string.Empty));
            AddLayers(rows, $"heads.{task.Name}", network.Heads[t], model.HeadSpecs[t] is CustomHeadSpec, [Batch, Number(model.Trunk.OutputSize)], task.OutputSize);
        }

        long total = network.parameters().Sum(p => p.numel());
        long trainable = network.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        return Format(rows, $"Shared parameters (trunk): {Number(shared)}", perTask.Select((count, t) => $"Parameters of task '{model.Tasks[t].Name}' (head): {Number(count)}"), total, trainable);
    }

    /// <summary>The table of an architecture other than hard sharing: one line per component (and per expert, gate, tower), then the totals.</summary>
    private static string ArchitectureTable(MultiTaskModel model)
    {
        var network = model.Network;
        var rows = new List<(string Layer, string Shape, string Parameters)> { ($"Architecture: {model.Architecture}", string.Empty, string.Empty) };
        foreach (var (name, child) in network.named_children())
        {
            var parts = child is ModuleDict<Module<Tensor, Tensor>> or ModuleList<Module<Tensor, Tensor>> ? child.named_children().Select(c => ($"{name}.{c.name}", c.module)).ToList() : [(name, child)];
            foreach (var (path, part) in parts)
            {
                rows.Add(($"  {path} ({part.GetType().Name})", "-", Number(Parameters(part))));
            }
        }

        foreach (var (name, parameter) in network.named_parameters().Where(p => !p.name.Contains('.', StringComparison.Ordinal)))
        {
            rows.Add(($"  {name} (Parameter)", Shape(parameter.shape.Select(d => Number(d)).ToArray()), Number(parameter.numel())));
        }

        long total = network.parameters().Sum(p => p.numel());
        long trainable = network.parameters().Where(p => p.requires_grad).Sum(p => p.numel());
        long shared = model.SharedParameters.Sum(p => p.numel());
        return Format(rows, $"Shared parameters: {Number(shared)}", model.Tasks.Select(t => $"Parameters of task '{t.Name}': {Number(model.TaskParameters(t.Name).Sum(p => p.numel()))}"), total, trainable);
    }

    private static string Format(List<(string Layer, string Shape, string Parameters)> rows, string sharedLine, IEnumerable<string> taskLines, long total, long trainable)
    {
        int layerWidth = Math.Max("Layer (type)".Length, rows.Max(r => r.Shape.Length == 0 ? 0 : r.Layer.Length));
        int shapeWidth = Math.Max("Output shape".Length, rows.Max(r => r.Shape.Length));
        int countWidth = Math.Max("Parameters".Length, rows.Max(r => r.Parameters.Length));
        string rule = new('=', layerWidth + shapeWidth + countWidth + 4);
        var text = new StringBuilder();
        text.AppendLine($"{"Layer (type)".PadRight(layerWidth)}  {"Output shape".PadRight(shapeWidth)}  {"Parameters".PadLeft(countWidth)}");
        text.AppendLine(rule);
        foreach (var (layer, shape, parameters) in rows)
        {
            text.AppendLine(shape.Length == 0 ? layer : $"{layer.PadRight(layerWidth)}  {shape.PadRight(shapeWidth)}  {parameters.PadLeft(countWidth)}");
        }

        text.AppendLine(rule);
        text.AppendLine(sharedLine);
        foreach (var line in taskLines)
        {
            text.AppendLine(line);
        }

        text.AppendLine($"Total parameters: {Number(total)}");
        text.Append($"Trainable parameters: {Number(trainable)}");
        return text.ToString();
    }

    /// <summary>A one-line description: tasks, trunk, heads and parameter count.</summary>
    internal static string OneLine(MultiTaskModel model, MultiTaskNetwork? network)
    {
        string size = network is null ? "disposed" : $"{Number(network.parameters().Sum(p => p.numel()))} parameters";
        string tasks = string.Join(", ", model.Tasks.Select(t => $"{t.Name} ({Kind(t)})"));
        if (model.Architecture is not Architectures.HardSharingArchitecture)
        {
            return $"MultiTaskModel(tasks: {tasks}; architecture: {model.Architecture}; {size})";
        }

        var heads = model.HeadSpecs.Select(h => h.ToString()).Distinct().Count() == 1
            ? model.HeadSpecs[0].ToString()
            : string.Join(", ", model.Tasks.Select((t, i) => $"{t.Name} {model.HeadSpecs[i]}"));
        return $"MultiTaskModel(tasks: {tasks}; trunk: {model.Trunk}; heads: {heads}; {size})";
    }

    /// <summary>A number with the invariant culture's digit grouping (25,856) or shortest round-trip form (0.1).</summary>
    internal static string Number(double value) => value == Math.Floor(value) && Math.Abs(value) < 1e15
        ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : value.ToString(CultureInfo.InvariantCulture);

    private static void AddLayers(List<(string, string, string)> rows, string path, Module<Tensor, Tensor> module, bool custom, string[] input, int output)
    {
        if (custom)
        {
            rows.Add(($"  {path} ({module.GetType().Name})", Shape([Batch, Number(output)]), Number(Parameters(module))));
            return;
        }

        var shape = input;
        foreach (var (name, child) in module.named_children())
        {
            shape = child switch
            {
                Linear linear => [Batch, Number(linear.weight!.shape[0])],
                Embedding embedding => [Batch, "length", Number(embedding.weight!.shape[1])],
                TorchSharp.Modules.LSTM or TorchSharp.Modules.GRU => [Batch, Number(output)],
                _ => shape,
            };
            rows.Add(($"  {path}.{name} ({child.GetType().Name})", Shape(shape), Number(Parameters(child))));
        }
    }

    private static long Parameters(Module module) => module.parameters().Sum(p => p.numel());

    private static string Shape(string[] dimensions) => $"[{string.Join(", ", dimensions)}]";

    private static string Width(TrunkSpec trunk) => trunk.InputWidth is int width ? Number(width) : "length";

    private static string Kind(TaskSpec task) => task.Kind == TaskKind.Multiclass ? $"Multiclass, {Number(task.ClassCount)} classes" : task.Kind.ToString();
}
