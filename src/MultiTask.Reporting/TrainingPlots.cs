using MultiTask.Training;
using ScottPlot;

namespace MultiTask.Reporting;

/// <summary>Plots of a training run (<see cref="TrainingHistory"/>).</summary>
public static class TrainingPlots
{
    /// <summary>
    /// The loss curves per task against the epoch: each task's training loss as a solid line and, when the history has
    /// validation losses, its validation loss as a dashed line in the same colour. Task t is drawn in colour t of
    /// matplotlib's "tab10" palette (#1f77b4, #ff7f0e, #2ca02c, …). Epochs whose loss is NaN (no labelled row) are left out.
    /// </summary>
    /// <param name="history">The history returned by <c>MultiTaskTrainer.Fit</c>.</param>
    /// <param name="title">The chart title. Default: "Training curves".</param>
    public static Chart Curves(TrainingHistory history, string title = "Training curves")
    {
        ArgumentNullException.ThrowIfNull(history);
        return Curves(history.Epochs, title);
    }

    /// <summary>The loss curves per task of the given epoch records; see <see cref="Curves(TrainingHistory, string)"/>.</summary>
    /// <param name="epochs">The epoch records, in order (<see cref="TrainingHistory.Epochs"/>); each has the same tasks.</param>
    /// <param name="title">The chart title. Default: "Training curves".</param>
    public static Chart Curves(IReadOnlyList<EpochRecord> epochs, string title = "Training curves")
    {
        ArgumentNullException.ThrowIfNull(epochs);
        if (epochs.Count == 0)
        {
            throw new ArgumentException("Training curves need at least one epoch record; the history is empty.", nameof(epochs));
        }
        var tasks = epochs[0].Tasks.Select(t => t.Task).ToArray();
        var plot = new Plot();
        double[] x = [.. epochs.Select(e => (double)e.Epoch)];
        for (int t = 0; t < tasks.Length; t++)
        {
            string task = tasks[t];
            var records = epochs.Select(e => e[task]).ToArray();
            var color = ChartColors.Series(t);
            ChartLines.Add(plot, x, [.. records.Select(r => r.TrainLoss)], color, $"{task} (train)");
            if (records.Any(r => r.ValidationLoss is not null))
            {
                ChartLines.Add(plot, x, [.. records.Select(r => r.ValidationLoss ?? double.NaN)], color, $"{task} (validation)", dashed: true);
            }
        }
        plot.Title(title);
        plot.XLabel("Epoch");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.YLabel("Loss");
        plot.ShowLegend(Alignment.UpperRight);
        return new Chart(plot);
    }
}
