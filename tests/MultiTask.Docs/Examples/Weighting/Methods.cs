using MultiTask.Data;
using MultiTask.Docs.Tool;
using MultiTask.Models;
using MultiTask.Training;
using MultiTask.Weighting;

namespace MultiTask.Docs.Examples.Weighting;

/// <summary>docs/weighting.md: a method passed to the trainer, and the custom method of "Adding a method" in training.</summary>
internal static class Methods
{
    [DocExample("weighting-upgrad")]
    public static void Run()
    {
        // Two regression tasks on 4 features, 240 rows: 180 for training, 60 for validation.
        var random = new Random(5);
        var x = new float[240, 4];
        var a = new float[240];
        var b = new float[240];
        for (int i = 0; i < 240; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[i, j] = (float)((random.NextDouble() * 2) - 1);
            }

            a[i] = x[i, 0] + x[i, 1];
            b[i] = x[i, 1] - (2 * x[i, 2]);
        }

        TaskSpec[] tasks = [TaskSpec.Regression("a"), TaskSpec.Regression("b")];
        using var data = MultiTaskDataset.FromArrays(x, tasks, [a, b]);
        var split = data.TrainTestSplit(testFraction: 0.25, seed: 5);
        var (train, validation) = (split.Train, split.Test);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [16]), seed: 5);

        // begin-snippet: weighting-upgrad
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 30, Seed = 1 }, Weightings.UpGrad());
        TrainingHistory history = trainer.Fit(train, validation);
        // end-snippet

        using var custom = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2, Seed = 1 }, new LossAverage());
        custom.Fit(train, validation);
    }
}
