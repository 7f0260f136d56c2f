// begin-snippet: training-control
using MultiTask;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Training;
using MultiTask.Training.Schedules;
// end-snippet
using MultiTask.Docs.Tool;

namespace MultiTask.Docs.Examples.Training;

/// <summary>docs/training.md: early stopping on a metric, a schedule, a checkpointing callback, exact resume and divergence.</summary>
internal static class Control
{
    [DocExample("training-control")]
    public static void Run()
    {
        // A binary task "up" and a regression task "level" on 4 features, 320 rows: 240 for training, 80 for validation.
        var random = new Random(3);
        var x = new float[320, 4];
        var up = new int[320];
        var level = new float[320];
        for (int i = 0; i < 320; i++)
        {
            for (int j = 0; j < 4; j++)
            {
                x[i, j] = (float)((random.NextDouble() * 2) - 1);
            }

            up[i] = x[i, 0] + (0.5 * x[i, 1]) + (0.3 * (random.NextDouble() - 0.5)) > 0 ? 1 : 0;
            level[i] = x[i, 1] - (2 * x[i, 2]) + (0.2f * x[i, 3] * x[i, 0]);
        }

        TaskSpec[] tasks = [TaskSpec.Binary("up"), TaskSpec.Regression("level")];
        using var data = MultiTaskDataset.FromArrays(x, tasks, [up, level]);
        var split = data.TrainTestSplit(testFraction: 0.25, seed: 3);
        var (train, validation) = (split.Train, split.Test);
        Directory.CreateDirectory("runs");

        // begin-snippet: training-control
        var options = new TrainerOptions
        {
            Epochs = 40,
            BatchSize = 32,
            LearningRate = 0.01,                                       // the peak rate of the one-cycle schedule
            LearningRateSchedule = new OneCycle { TotalSteps = 40 * 8 },   // 8 steps per epoch
            Monitor = new ValidationMonitor { Metric = MetricNames.RocAuc, Task = "up" },
            EarlyStoppingPatience = 6,                                 // stop after 6 epochs without a better AUC
            Seed = 1,
            Threads = 1,
        };

        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [16]), seed: 1);
        using var trainer = new MultiTaskTrainer(model, options);
        trainer.Callbacks.Add(new CheckpointEveryEpoch("runs"));
        TrainingHistory history = trainer.Fit(train, validation);

        foreach (var epoch in history.Epochs.Where(e => e.Epoch % 5 == 0 || e.Epoch == history.BestEpoch))
        {
            Console.WriteLine($"epoch {epoch.Epoch,2}: lr {epoch.LearningRate:F5}, train {epoch.TrainLoss:F4}, " +
                $"validation {epoch.ValidationLoss:F4}, AUC(up) {epoch.MonitoredValue:F4}");
        }

        Console.WriteLine($"best epoch {history.BestEpoch} of {history.Epochs.Count}; stopped early: {history.StoppedEarly}; " +
            $"restored: {history.RestoredBestWeights}");
        // end-snippet

        DocOutput.Section("training-resume");
        var uninterrupted = model.Predict(validation).Binary("up").Probabilities;

        // begin-snippet: training-resume
        // The process died after epoch 7: a new trainer with the same options loads that epoch's checkpoint and
        // trains the remaining epochs (early-stopping state, best weights and schedule position included).
        using var resumedModel = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [16]), seed: 99);
        using var resumed = new MultiTaskTrainer(resumedModel, new TrainerOptions
        {
            Epochs = 40 - 7, BatchSize = 32, LearningRate = 0.01, LearningRateSchedule = new OneCycle { TotalSteps = 40 * 8 },
            Monitor = new ValidationMonitor { Metric = MetricNames.RocAuc, Task = "up" }, EarlyStoppingPatience = 6, Seed = 1, Threads = 1,
        });
        resumed.LoadCheckpoint("runs/epoch-7.mtm");
        var rest = resumed.Fit(train, validation);
        // end-snippet

        var again = resumedModel.Predict(validation).Binary("up").Probabilities;
        Console.WriteLine($"resumed run: epochs {rest.Epochs[0].Epoch}-{rest.Epochs[^1].Epoch}, best epoch {rest.BestEpoch}; " +
            $"same predictions as the uninterrupted run: {uninterrupted.SequenceEqual(again)}");

        DocOutput.Section("training-divergence");

        // begin-snippet: training-divergence
        using var fresh = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [16]), seed: 1);
        using var reckless = new MultiTaskTrainer(fresh, new TrainerOptions { Optimizer = OptimizerKind.Sgd, LearningRate = 4, Epochs = 20, Seed = 1, Threads = 1 });
        try
        {
            reckless.Fit(train);
        }
        catch (TrainingDivergedException e)
        {
            Console.WriteLine(e.Message);
        }

        var levels = fresh.Predict(validation).Regression("level").Values;
        Console.WriteLine($"after the divergence every prediction is finite: {levels.All(float.IsFinite)}");
        // end-snippet
    }

    // begin-snippet: training-callback
    /// <summary>Saves a checkpoint after every epoch; a checkpoint saved here resumes exactly after that epoch.</summary>
    private sealed class CheckpointEveryEpoch(string folder) : TrainingCallback
    {
        public override void OnEpoch(EpochContext context)
            => context.Trainer.SaveCheckpoint(Path.Combine(folder, $"epoch-{context.Record.Epoch}.mtm"));
    }
    // end-snippet
}
