namespace MultiTask.Training;

/// <summary>What a <see cref="TrainingCallback"/> sees after an optimiser step.</summary>
public sealed class StepContext
{
    internal StepContext(MultiTaskTrainer trainer, int epoch, long step, IReadOnlyList<double> losses, double learningRate)
    {
        Trainer = trainer;
        Epoch = epoch;
        Step = step;
        Losses = losses;
        LearningRate = learningRate;
    }

    /// <summary>The trainer (for example to read its <see cref="MultiTaskTrainer.Model"/>).</summary>
    public MultiTaskTrainer Trainer { get; }

    /// <summary>The epoch, from 1, counted across <c>Fit</c> calls.</summary>
    public int Epoch { get; }

    /// <summary>The step, from 0, counted across epochs and <c>Fit</c> calls.</summary>
    public long Step { get; }

    /// <summary>The batch's mean loss per task, in task order (NaN for a task without labels in the batch).</summary>
    public IReadOnlyList<double> Losses { get; }

    /// <summary>The learning rate this step used.</summary>
    public double LearningRate { get; }

    /// <summary>Whether a stop was requested.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>Ends the current epoch after this step (it is still validated and reported) and stops training; best weights are restored as usual.</summary>
    public void RequestStop() => StopRequested = true;
}
