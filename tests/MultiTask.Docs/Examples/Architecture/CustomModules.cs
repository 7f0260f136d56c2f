// begin-snippet: architecture-custom-modules
using MultiTask;
using MultiTask.Data;
using MultiTask.Losses;
using MultiTask.Models;
using TorchSharp;
using static TorchSharp.torch;
// end-snippet
using MultiTask.Docs.Tool;

namespace MultiTask.Docs.Examples.Architecture;

/// <summary>The extension points of docs/architecture.md: a custom trunk and head, then a hand-written training loop.</summary>
internal static class CustomModules
{
    [DocExample("architecture-custom-loop")]
    public static void Run()
    {
        // begin-snippet: architecture-custom-modules
        // A custom trunk: [batch, 4] features to a [batch, 16] representation. The name identifies it in the model file.
        static nn.Module<Tensor, Tensor> TanhTrunk() => nn.Sequential(nn.Linear(4, 16), nn.Tanh());

        TaskSpec[] tasks = [TaskSpec.Regression("y"), TaskSpec.Binary("positive")];
        var trunk = Trunks.Custom("tanh-16", InputKind.Features, inputWidth: 4, outputSize: 16, TanhTrunk);
        var head = Heads.Custom("two-layer", (inputSize, outputSize) => nn.Sequential(nn.Linear(inputSize, 8), nn.ReLU(), nn.Linear(8, outputSize)));
        using var model = MultiTaskModel.Create(tasks, trunk, head, seed: 1);

        model.Save("custom.mtm");
        var factories = new ModuleFactories()
            .AddTrunk("tanh-16", TanhTrunk)
            .AddHead("two-layer", (inputSize, outputSize) => nn.Sequential(nn.Linear(inputSize, 8), nn.ReLU(), nn.Linear(8, outputSize)));
        using var loaded = MultiTaskModel.Load("custom.mtm", factories);
        // end-snippet

        // begin-snippet: architecture-custom-loop
        var random = new Random(2);
        var x = new float[256, 4];
        var y = new float[256];
        var positive = new int[256];
        for (int i = 0; i < 256; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[i, j] = (float)((random.NextDouble() * 2) - 1);
            }

            y[i] = x[i, 0] - (2 * x[i, 1]);
            positive[i] = i % 4 == 0 ? TaskSpec.MissingClass : (x[i, 2] > 0 ? 1 : 0);
        }

        using var data = MultiTaskDataset.FromArrays(x, tasks, [y, positive]);
        using var optimizer = optim.Adam(model.Network.parameters(), 1e-2);
        model.Network.train();
        for (int step = 0; step < 100; step++)
        {
            using var scope = NewDisposeScope();
            var (batchX, batchY, batchMask) = data.GetBatch(Enumerable.Range(step % 8 * 32, 32).ToArray());

            var representation = model.Network.Encode(batchX);   // [32, 16]
            var outputs = model.Network.Decode(representation);  // one tensor per task, in task order
            var losses = new Tensor[tasks.Length];
            for (int t = 0; t < tasks.Length; t++)
            {
                losses[t] = TaskLoss.MaskedMean(TaskLoss.PerSample(tasks[t], outputs[t], batchY.select(1, t)), batchMask.select(1, t));
            }

            optimizer.zero_grad();
            stack(losses).max().backward();
            optimizer.step();
        }

        model.Network.eval();   // back to evaluation mode: Predict and Evaluate refuse a network left in training mode
        Console.WriteLine($"after 100 custom steps: y RMSE {model.Evaluate(data)["y"]["RMSE"]:F3}");
        // end-snippet
    }
}
