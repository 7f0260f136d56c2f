using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MultiTask;
using MultiTask.Training;
using TorchSharp;

namespace CensusMmoe;

/// <summary>
/// What the PyTorch peer (tests/reference/census_mmoe.py --init) needs to repeat the library's runs step for step:
/// each model's freshly initialised weights (safetensors, the library's own names), the row order of every epoch, and
/// the library's per-epoch losses and test AUCs to compare against. Written only with --export-init.
/// </summary>
internal static class ParityExport
{
    /// <summary>The settings both sides train with (the peer reads them, so --full and --seeds carry over).</summary>
    public static void WriteSettings(string folder, TrainerOptions options, IReadOnlyList<int> seeds, int restarts)
        => Atomic(Path.Combine(folder, "settings.json"), new JsonObject
        {
            ["epochs"] = options.Epochs,
            ["batchSize"] = options.BatchSize,
            ["learningRate"] = options.LearningRate,
            ["patience"] = options.EarlyStoppingPatience,
            ["restarts"] = restarts,
            ["seeds"] = new JsonArray([.. seeds.Select(s => (JsonNode)s)]),
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>
    /// The trainer's row order of every epoch for one seed, one line per epoch: the permutation the trainer draws for
    /// a single dataset (MultiTaskTrainer's RowOrders: torch.randperm with a generator seeded by
    /// SeedMix.Of(seed, (epoch · 1,000,003 + block) · 1,009 + cycle, stream 1), block 0, cycle 0, epochs from 1).
    /// </summary>
    public static void WriteOrders(string folder, int seed, int epochs, int rows)
    {
        var text = new StringBuilder();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            long counter = ((long)epoch * 1_000_003L) * 1_009L;
            using var generator = new torch.Generator((ulong)SeedMix.Of(seed, counter, stream: 1));
            using var order = torch.randperm(rows, generator: generator);
            text.AppendLine(string.Join(",", order.data<long>().ToArray().Select(i => i.ToString(CultureInfo.InvariantCulture))));
        }

        Atomic(Path.Combine(folder, $"order_seed{seed}.csv"), text.ToString());
    }

    /// <summary>The file stem of one run, e.g. "MMoE_r1_seed2" or "single-task_income_r0_seed1" (r: the restart).</summary>
    public static string Stem(string name, int seed) => $"{name.Replace(' ', '_')}_seed{seed}";

    /// <summary>The model's weights before training, as safetensors under the library's parameter names.</summary>
    public static void WriteInitialWeights(string folder, MultiTaskModel model, string name, int seed)
        => model.ExportSafetensors(Path.Combine(folder, Stem(name, seed) + ".safetensors"));

    /// <summary>The library's run (one restart): tasks, per-epoch training and validation losses (Σ over tasks), best epoch, test AUCs.</summary>
    public static void WriteRun(string folder, string name, int seed, string[] tasks, TrainingHistory history, IReadOnlyList<double> testAuc)
        => Atomic(Path.Combine(folder, Stem(name, seed) + ".json"), new JsonObject
        {
            ["tasks"] = new JsonArray([.. tasks.Select(t => (JsonNode)t)]),
            ["trainLoss"] = new JsonArray([.. history.Epochs.Select(e => (JsonNode)e.TrainLoss)]),
            ["validationLoss"] = new JsonArray([.. history.Epochs.Select(e => (JsonNode)e.ValidationLoss!.Value)]),
            ["bestEpoch"] = history.BestEpoch,
            ["testAuc"] = new JsonArray([.. testAuc.Select(a => (JsonNode)a)]),
        }.ToJsonString());

    private static void Atomic(string path, string text)
    {
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }
}
