using System.Globalization;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.Preprocessing;
using MultiTask.Tabular.Splitting;
using MultiTask.Training;
using MultiTask.Weighting;

namespace MultiTask.Tabular.Validation;

/// <summary>
/// Cross-validation of multi-task models on tables: on every fold the preprocessing is fitted on the training rows only
/// (no leakage into the test rows), a fresh model is trained and evaluated on the test rows. Folds come from
/// <see cref="TabularData.KFold"/> (K-fold, stratified on a column such as a task's label, or grouped, e.g. by patient)
/// or <see cref="RepeatedKFold"/>.
/// </summary>
public static class CrossValidation
{
    /// <summary>
    /// The folds of <paramref name="repeats"/> shuffled K-fold splits, repeat r using seed <c>options.Seed + r</c>
    /// (like scikit-learn's <c>RepeatedKFold</c> / <c>RepeatedStratifiedKFold</c>, with other random draws), in
    /// repeat-then-fold order.
    /// </summary>
    /// <param name="table">The table whose rows are split (with the stratification column, if any).</param>
    /// <param name="options">Folds and stratification; <see cref="KFoldOptions.Shuffle"/> must be set when repeating.</param>
    /// <param name="repeats">The number of repetitions. Range: ≥ 1.</param>
    public static IReadOnlyList<TableFold> RepeatedKFold(TabularData table, KFoldOptions options, int repeats)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        if (repeats > 1 && !options.Shuffle)
        {
            throw new ArgumentException($"Repeats = {repeats.ToString(CultureInfo.InvariantCulture)} needs KFoldOptions.Shuffle = true; unshuffled repeats would give the same folds.", nameof(options));
        }

        return Enumerable.Range(0, repeats)
            .SelectMany(r => table.KFold(new KFoldOptions { Folds = options.Folds, Shuffle = options.Shuffle, Seed = options.Seed + r, StratifyBy = options.StratifyBy, GroupBy = options.GroupBy }))
            .ToArray();
    }

    /// <summary>Cross-validates a multi-task model.</summary>
    /// <param name="features">The raw feature columns of every row (task and group columns removed, e.g. by <see cref="TaskColumns.Split"/>).</param>
    /// <param name="tasks">The tasks.</param>
    /// <param name="targets">The targets of every row, one per task.</param>
    /// <param name="folds">The folds over the rows of <paramref name="features"/>.</param>
    /// <param name="preprocessing">
    /// Fitted on each fold's training rows and applied to its training and test rows; its output must be all numeric.
    /// An <see cref="ITransformEstimator"/>, or a feature selector (<see cref="ISupervisedTransformEstimator"/>) or a
    /// <see cref="Pipeline"/> with one, which is fitted with the fold's training targets of every task. Null: the
    /// features are numeric already.
    /// </param>
    /// <param name="createModel">A fresh model for a given number of input features (called once per fold; the model is disposed after the fold).</param>
    /// <param name="trainer">The training options of every fold.</param>
    public static CrossValidationResult Run(
        TabularData features,
        IReadOnlyList<TaskSpec> tasks,
        IReadOnlyList<TaskTargets> targets,
        IReadOnlyList<TableFold> folds,
        IPipelineStep? preprocessing,
        Func<int, MultiTaskModel> createModel,
        TrainerOptions trainer)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(folds);
        ArgumentNullException.ThrowIfNull(createModel);
        ArgumentNullException.ThrowIfNull(trainer);
        if (folds.Count == 0)
        {
            throw new ArgumentException("Cross-validation needs at least one fold.", nameof(folds));
        }

        using var all = MultiTaskDataset.FromArrays(new float[features.RowCount, 1], tasks, targets);
        var reports = new List<EvaluationReport>();
        ForEachFold(features, tasks, targets, folds, preprocessing, (f, fold, xTrain, xTest) =>
            reports.Add(TrainAndEvaluate(all, fold, xTrain, xTest, createModel, trainer, null, $"fold {f.ToString(CultureInfo.InvariantCulture)}")));
        return new CrossValidationResult(folds, reports);
    }

    /// <summary>Fits the preprocessing on each fold's training rows and hands the fold's numeric training and test matrices to <paramref name="body"/>.</summary>
    internal static void ForEachFold(
        TabularData features, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets, IReadOnlyList<TableFold> folds, IPipelineStep? preprocessing, Action<int, TableFold, float[,], float[,]> body)
    {
        for (int f = 0; f < folds.Count; f++)
        {
            var fold = folds[f];
            CheckRows(fold, f, features.RowCount);
            var trainTable = features.TakeRows(fold.TrainRows);
            var testTable = features.TakeRows(fold.TestRows);
            IFittedTransform? fitted = preprocessing switch
            {
                null => null,
                Pipeline { IsSupervised: true } pipeline => pipeline.Fit(trainTable, tasks, FoldTargets(targets, fold.TrainRows)),
                ITransformEstimator estimator => estimator.Fit(trainTable),
                ISupervisedTransformEstimator selector => selector.Fit(trainTable, tasks, FoldTargets(targets, fold.TrainRows)),
                _ => throw new ArgumentException($"The preprocessing ({preprocessing.GetType().Name}) is neither an {nameof(ITransformEstimator)} nor an {nameof(ISupervisedTransformEstimator)}.", nameof(preprocessing)),
            };
            float[,] xTrain = (fitted?.Transform(trainTable) ?? trainTable).ToFeatureMatrix();
            float[,] xTest = (fitted?.Transform(testTable) ?? testTable).ToFeatureMatrix();
            body(f, fold, xTrain, xTest);
        }
    }

    /// <summary>Trains a fresh model on a fold's training rows of <paramref name="all"/> (targets only) and evaluates it on the fold's test rows.</summary>
    internal static EvaluationReport TrainAndEvaluate(
        MultiTaskDataset all, TableFold fold, float[,] xTrain, float[,] xTest, Func<int, MultiTaskModel> createModel, TrainerOptions trainer, WeightingMethod? weighting, string what)
    {
        using var trainView = all.Subset(fold.TrainRows);
        using var testView = all.Subset(fold.TestRows);
        using var trainData = trainView.WithFeatures(xTrain);
        using var testData = testView.WithFeatures(xTest);
        using var model = createModel(xTrain.GetLength(1))
            ?? throw new InvalidOperationException($"The model factory returned null for {what}.");
        using (var run = new MultiTaskTrainer(model, trainer, weighting))
        {
            run.Fit(trainData);
        }

        return model.Evaluate(testData);
    }

    private static TaskTargets[] FoldTargets(IReadOnlyList<TaskTargets> targets, IReadOnlyList<int> rows) => targets
        .Select(t => t.Labels is { } labels ? TaskTargets.FromLabels(rows.Select(r => labels[r]).ToArray()) : TaskTargets.FromValues(rows.Select(r => t.Values![r]).ToArray()))
        .ToArray();

    private static void CheckRows(TableFold fold, int index, int rowCount)
    {
        if (fold.TrainRows.Count == 0 || fold.TestRows.Count == 0)
        {
            throw new ArgumentException($"Fold {index.ToString(CultureInfo.InvariantCulture)} has {fold.TrainRows.Count.ToString(CultureInfo.InvariantCulture)} training and {fold.TestRows.Count.ToString(CultureInfo.InvariantCulture)} test rows; both must be non-empty.", "folds");
        }

        foreach (int row in fold.TrainRows.Concat(fold.TestRows))
        {
            if (row < 0 || row >= rowCount)
            {
                throw new ArgumentException($"Fold {index.ToString(CultureInfo.InvariantCulture)} refers to row {row.ToString(CultureInfo.InvariantCulture)}; the table has {rowCount.ToString(CultureInfo.InvariantCulture)} rows.", "folds");
            }
        }

        if (fold.TrainRows.Intersect(fold.TestRows).Any())
        {
            throw new ArgumentException($"Fold {index.ToString(CultureInfo.InvariantCulture)} has rows in both its training and its test part.", "folds");
        }
    }
}
