// begin-snippet: transfer-pytorch-weights
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Safetensors;
using MultiTask.Training;
using MultiTask.Transfer;
// end-snippet
using MultiTask.Docs.Tool;

namespace MultiTask.Docs.Examples.TransferLearning;

/// <summary>docs/transfer-learning.md: a PyTorch trunk imported, frozen, fine-tuned with discriminative rates, exported back.</summary>
internal static class PyTorchWeights
{
    [DocExample("transfer-import")]
    public static void Run()
    {
        // begin-snippet: transfer-pytorch-weights
        // 400 rows of 4 features and two new tasks for the pre-trained trunk.
        var random = new Random(5);
        var x = new float[400, 4];
        var price = new float[400];
        var urgent = new int[400];
        for (int i = 0; i < 400; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[i, j] = (float)((random.NextDouble() * 4) - 2);
            }

            price[i] = (float)(Math.Sin(x[i, 0]) + (0.5 * x[i, 1] * x[i, 2]));
            urgent[i] = x[i, 3] + x[i, 0] > 0 ? 1 : 0;
        }

        TaskSpec[] tasks = [TaskSpec.Regression("price"), TaskSpec.Binary("urgent")];
        using var data = MultiTaskDataset.FromArrays(x, tasks, [TaskTargets.FromValues(price), TaskTargets.FromLabels(urgent)]);
        var split = data.TrainTestSplit(testFraction: 0.25, seed: 5);

        // The same trunk as the PyTorch nn.Sequential(Linear(4, 8), BatchNorm1d(8), ReLU(), Linear(8, 6), BatchNorm1d(6), ReLU()).
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8, 6], normalization: Normalization.BatchNorm), seed: 5);
        WeightImportReport report = model.ImportWeights("tests/data/safetensors/torch_trunk.safetensors", new WeightImportOptions
        {
            Prefix = "trunk",                                                             // only the trunk: the heads stay fresh
            NameMap = WeightNameMaps.FromSequentialPositions(model.Network.Component("trunk"), "trunk"), // "0.weight" → "trunk.linear0.weight"
        });
        Console.WriteLine(report);
        // end-snippet

        DocOutput.Section("transfer-fine-tune");
        // begin-snippet: transfer-fine-tune
        // Stage 1: train the new heads on a frozen trunk.
        model.Freeze("trunk");
        float[] trunkBefore = TrunkValues(model);
        using (var heads = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 20, BatchSize = 32, LearningRate = 1e-2, Seed = 5, Threads = 1 }))
        {
            heads.Fit(split.Train);
        }

        Console.WriteLine($"trunk parameters bit-identical after stage 1: {TrunkValues(model).AsSpan().SequenceEqual(trunkBefore)}");
        Print("after stage 1", model.Evaluate(split.Test));

        // Stage 2: unfreeze and fine-tune everything, the trunk at a tenth of the heads' rate.
        model.Unfreeze("trunk");
        using (var all = new MultiTaskTrainer(model, new TrainerOptions
        {
            Epochs = 20,
            BatchSize = 32,
            LearningRate = 1e-2,
            GroupLearningRates = new Dictionary<string, double> { ["trunk"] = 1e-3 },
            Seed = 5,
            Threads = 1,
        }))
        {
            all.Fit(split.Train);
        }

        Print("after stage 2", model.Evaluate(split.Test));

        static void Print(string stage, EvaluationReport r)
            => Console.WriteLine($"{stage}: price R² {r["price"][MetricNames.R2]:F3}, urgent accuracy {r["urgent"][MetricNames.Accuracy]:F3}");

        static float[] TrunkValues(MultiTaskModel m) => [.. m.Network.Component("trunk").parameters().SelectMany(p => p.data<float>().ToArray())];
        // end-snippet

        DocOutput.Section("transfer-export");
        // begin-snippet: transfer-export
        // Back to PyTorch: the whole model under its own names (PyTorch's names for the same OrderedDict/ModuleDict
        // structure), and the trunk alone under the positional names of a plain nn.Sequential.
        model.ExportSafetensors("model.safetensors", new WeightExportOptions { Metadata = new Dictionary<string, string> { ["format"] = "pt" } });
        model.ExportSafetensors("trunk.safetensors", new WeightExportOptions
        {
            Prefix = "trunk",
            NameMap = WeightNameMaps.ToSequentialPositions(model.Network.Component("trunk"), "trunk"), // "trunk.linear0.weight" → "0.weight"
        });

        foreach (var file in new[] { "model.safetensors", "trunk.safetensors" })
        {
            var content = SafetensorsFile.Read(file);
            Console.WriteLine($"{file}: {string.Join(", ", content.Tensors.Select(t => $"{t.Name} {t.DType}[{string.Join(", ", t.Shape)}]"))}");
        }
        // end-snippet
    }
}
