using MultiTask.Data;
using MultiTask.Docs.Tool;
using MultiTask.Models;
using MultiTask.Training;
using MultiTask.Transfer;

namespace MultiTask.Docs.Examples.TransferLearning;

/// <summary>docs/transfer-learning.md: a trunk trained by the library on one task set, reused under new heads.</summary>
internal static class FromModel
{
    [DocExample("transfer-from-model")]
    public static void Run()
    {
        var random = new Random(9);
        var x = new float[300, 4];
        var y = new float[300];
        for (int i = 0; i < 300; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[i, j] = (float)random.NextDouble();
            }

            y[i] = x[i, 0] - x[i, 1];
        }

        using var data = MultiTaskDataset.FromArrays(x, [TaskSpec.Regression("demand")], [TaskTargets.FromValues(y)]);

        // begin-snippet: transfer-from-model
        using var pretrained = MultiTaskModel.Create([TaskSpec.Regression("demand")], Trunks.Mlp(4, [16, 8]), seed: 9);
        using (var trainer = new MultiTaskTrainer(pretrained, new TrainerOptions { Epochs = 5, Seed = 9, Threads = 1 }))
        {
            trainer.Fit(data);                                                  // the data-rich task
        }

        using var model = MultiTaskModel.Create([TaskSpec.Binary("returned"), TaskSpec.Regression("margin")], Trunks.Mlp(4, [16, 8]), seed: 10);
        var report = model.ImportWeights(pretrained, new WeightImportOptions { Prefix = "trunk" });
        Console.WriteLine(report);
        // end-snippet
    }
}
