using System.Globalization;
using MultiTask;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Training;

namespace SentimentTopic;

/// <summary>Creates a model, trains it with validation and early stopping, and prints one line per epoch.</summary>
internal static class ModelTraining
{
    /// <summary>Trains a fresh model on the tasks of <paramref name="train"/>; the caller disposes the model.</summary>
    /// <param name="label">The name printed in front of each progress line.</param>
    public static MultiTaskModel Train(string label, MultiTaskDataset train, MultiTaskDataset validation, TrunkSpec trunk, TrainerOptions options, int seed)
    {
        var model = MultiTaskModel.Create(train.Tasks, trunk, seed: seed);
        using var trainer = new MultiTaskTrainer(model, options);
        var history = trainer.Fit(train, validation, epoch => Console.WriteLine(ProgressLine(label, epoch)));
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[{label}] best epoch {history.BestEpoch}{(history.StoppedEarly ? ", stopped early" : "")}{(history.RestoredBestWeights ? ", best weights restored" : "")}"));
        return model;
    }

    private static string ProgressLine(string label, EpochRecord epoch)
    {
        var tasks = string.Join(", ", epoch.Tasks.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Task} {t.TrainLoss:F3}/{t.ValidationLoss:F3}")));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{label}] epoch {epoch.Epoch,2}/{epoch.TotalEpochs}  loss train {epoch.TrainLoss:F4}  validation {epoch.ValidationLoss:F4}  ({tasks})  {epoch.Elapsed.TotalSeconds:F1} s");
    }
}
