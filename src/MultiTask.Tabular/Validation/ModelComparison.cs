using System.Globalization;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Tabular.Preprocessing;
using MultiTask.Tabular.Splitting;
using MultiTask.Training;
using MultiTask.Weighting;

namespace MultiTask.Tabular.Validation;

/// <summary>
/// One-call comparison of a multi-task model with single-task baselines (one model per task) on the same
/// cross-validation folds: on every fold the preprocessing is fitted once on the training rows, and every model is
/// trained on those rows with the same trainer options and evaluated on the test rows. Reports per-task metrics of
/// both, the paired differences with their standard errors, and Δm (Maninis, Radosavovic and Kokkinos, "Attentive
/// Single-Tasking of Multiple Tasks", CVPR 2019) per fold.
/// </summary>
public static class ModelComparison
{
    /// <summary>Cross-validates the multi-task model and the single-task baselines on the same folds and compares them.</summary>
    /// <param name="features">The raw feature columns of every row (task and group columns removed).</param>
    /// <param name="tasks">The tasks.</param>
    /// <param name="targets">The targets of every row, one per task.</param>
    /// <param name="folds">The folds over the rows of <paramref name="features"/> (e.g. <see cref="TabularData.KFold"/> or <see cref="CrossValidation.RepeatedKFold"/>).</param>
    /// <param name="preprocessing">Fitted once on each fold's training rows (a feature selector with every task's training targets) and shared by all models of the fold; as in <see cref="CrossValidation.Run"/>. Null: the features are numeric already.</param>
    /// <param name="createMultiTaskModel">A fresh multi-task model over all <paramref name="tasks"/> for a given number of input features (any architecture).</param>
    /// <param name="createSingleTaskModel">A fresh baseline for one task and a number of input features, e.g. the same trunk with that task only.</param>
    /// <param name="trainer">The training options of every model; its seed makes the runs repeatable. <see cref="TrainerOptions.TaskWeights"/> and <see cref="ValidationMonitor.Task"/> must be unset (they name tasks a baseline lacks).</param>
    /// <param name="weighting">The multi-task model's task-balancing method; null for equal static weights. Baselines train their one task unweighted.</param>
    /// <param name="metrics">The metric names compared where a task reports them; null for every per-task metric of each task's spec.</param>
    /// <returns>Both models' cross-validations, the paired differences and Δm per fold.</returns>
    /// <exception cref="ArgumentException">
    /// No fold; a fold's rows are out of range or overlap; <paramref name="trainer"/> sets task weights or a monitored
    /// task; nothing is compared; or a compared metric is not finite on a fold (e.g. ROC AUC on a fold with one class) or
    /// a baseline's value is 0 (Δm divides by it) — the message names the task and metric.
    /// </exception>
    public static ModelComparisonResult Run(
        TabularData features,
        IReadOnlyList<TaskSpec> tasks,
        IReadOnlyList<TaskTargets> targets,
        IReadOnlyList<TableFold> folds,
        IPipelineStep? preprocessing,
        Func<int, MultiTaskModel> createMultiTaskModel,
        Func<TaskSpec, int, MultiTaskModel> createSingleTaskModel,
        TrainerOptions trainer,
        WeightingMethod? weighting = null,
        IReadOnlyList<string>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(createMultiTaskModel);
        ArgumentNullException.ThrowIfNull(createSingleTaskModel);
        ArgumentNullException.ThrowIfNull(trainer);
        if (folds.Count == 0)
        {
            throw new ArgumentException("A comparison needs at least one fold.", nameof(folds));
        }

        if (trainer.TaskWeights is not null)
        {
            throw new ArgumentException("TrainerOptions.TaskWeights name tasks a single-task baseline lacks; pass the multi-task weighting as a WeightingMethod (e.g. StaticWeighting) instead.", nameof(trainer));
        }

        if (trainer.Monitor.Task is { } monitored)
        {
            throw new ArgumentException($"TrainerOptions.Monitor watches task '{monitored}', which the other tasks' baselines lack; monitor the mean over tasks (Task = null) instead.", nameof(trainer));
        }

        using var all = MultiTaskDataset.FromArrays(new float[features.RowCount, 1], tasks, targets);
        var singles = tasks.Select((t, i) => MultiTaskDataset.FromArrays(new float[features.RowCount, 1], [t], [targets[i]])).ToArray();
        try
        {
            var multiReports = new List<EvaluationReport>();
            var singleReports = tasks.Select(_ => new List<EvaluationReport>()).ToArray();
            CrossValidation.ForEachFold(features, tasks, targets, folds, preprocessing, (f, fold, xTrain, xTest) =>
            {
                string at = $"fold {f.ToString(CultureInfo.InvariantCulture)}";
                multiReports.Add(CrossValidation.TrainAndEvaluate(all, fold, xTrain, xTest, createMultiTaskModel, trainer, weighting, $"the multi-task model on {at}"));
                for (int t = 0; t < tasks.Count; t++)
                {
                    var task = tasks[t];
                    singleReports[t].Add(CrossValidation.TrainAndEvaluate(singles[t], fold, xTrain, xTest, inputs => createSingleTaskModel(task, inputs), trainer, null, $"the baseline of task '{task.Name}' on {at}"));
                }
            });
            var gains = multiReports.Select((r, f) => MultiTaskGain.Compute(r, singleReports.Select(s => s[f]), metrics)).ToArray();
            return new ModelComparisonResult(new CrossValidationResult(folds, multiReports), singleReports.Select(s => new CrossValidationResult(folds, s)).ToArray(), gains);
        }
        finally
        {
            foreach (var single in singles)
            {
                single.Dispose();
            }
        }
    }
}
