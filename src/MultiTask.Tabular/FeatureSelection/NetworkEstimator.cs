using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Training;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// A neural network as the estimator of the wrapper selectors (<see cref="Rfe"/>, <see cref="Rfecv"/>,
/// <see cref="SequentialFeatureSelector"/>): each fit trains a fresh MLP network on the task and reports permutation
/// importances (<see cref="NetworkImportance"/>, the increase in the task's loss when a feature is shuffled) and its
/// score (R² for regression, accuracy for classification), as scikit-learn's <c>estimator.score</c>.
/// </summary>
/// <remarks>
/// Permutation importance: Breiman, "Random Forests", Machine Learning 45, 2001; as scikit-learn's
/// <c>permutation_importance</c>. Every fit is seeded, so a selection is reproducible. Networks are small and trained
/// briefly by default: wrapper selection fits many of them (once per task, round and fold).
/// </remarks>
public sealed class NetworkEstimator : IImportanceEstimator
{
    /// <summary>The MLP's hidden layer widths. Range: at least one width, each ≥ 1. Default: [32].</summary>
    public IReadOnlyList<int> HiddenSizes
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(HiddenSizes));
            var widths = value.ToArray();
            _ = Trunks.Mlp(1, widths); // validates the widths as the network will (a description only; nothing is allocated)
            field = widths;
        }
    } = [32];

    /// <summary>
    /// The training settings of every fit (its seed also seeds the network's initial weights). Default: 30 epochs,
    /// batch 64, Adam with learning rate 3e-3, seed 0, one thread.
    /// </summary>
    public TrainerOptions Options
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Options));
    } = new() { Epochs = 30, BatchSize = 64, LearningRate = 3e-3, Threads = 1 };

    /// <summary>The permutation-importance settings. Default: <c>new NetworkImportance()</c> (5 repeats).</summary>
    public NetworkImportance Importance
    {
        get;
        init => field = value ?? throw new ArgumentNullException(nameof(Importance));
    } = new();

    /// <summary>
    /// Whether the targets are classes: cross-validating wrappers then stratify their folds (scikit-learn's
    /// <c>is_classifier</c>). The network itself follows each target's kind. Default: false.
    /// </summary>
    public bool IsClassifier { get; init; }

    /// <inheritdoc/>
    public IImportanceModel Fit(double[,] x, SelectionTarget target)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(target);
        var task = Task(target);
        using var data = Dataset(x, task, target);
        using var model = MultiTaskModel.Create([task], Trunks.Mlp(x.GetLength(1), HiddenSizes), seed: Options.Seed);
        using (var trainer = new MultiTaskTrainer(model, Options))
        {
            trainer.Fit(data);
        }

        var importances = Importance.Compute(model, data).Importances[task.Name];
        return new Fitted([task], model.Trunk, model.CaptureWeights(), importances);
    }

    private static TaskSpec Task(SelectionTarget target) => target.Kind switch
    {
        TaskKind.Regression => TaskSpec.Regression("target"),
        _ => target.Labels!.Max() <= 1 ? TaskSpec.Binary("target") : TaskSpec.Multiclass("target", target.Labels!.Max() + 1),
    };

    private static MultiTaskDataset Dataset(double[,] x, TaskSpec task, SelectionTarget target)
    {
        var features = new float[x.GetLength(0), x.GetLength(1)];
        for (int i = 0; i < x.GetLength(0); i++)
        {
            for (int j = 0; j < x.GetLength(1); j++)
            {
                features[i, j] = (float)x[i, j];
            }
        }

        TaskTargets targets = target.Values is { } values ? values.ToArray() : target.Labels!.ToArray();
        return MultiTaskDataset.FromArrays(features, [task], [targets]);
    }

    /// <summary>A trained network, kept as its weights so that no native memory outlives the call that uses it.</summary>
    private sealed class Fitted(TaskSpec[] tasks, TrunkSpec trunk, ModelWeights weights, IReadOnlyList<double> importances) : IImportanceModel
    {
        public IReadOnlyList<double> Importances { get; } = importances;

        public double Score(double[,] x, SelectionTarget target)
        {
            using var model = MultiTaskModel.Create(tasks, trunk);
            model.RestoreWeights(weights);
            using var data = Dataset(x, tasks[0], target);
            var prediction = model.Predict(data)[tasks[0].Name];
            return prediction switch
            {
                Prediction.RegressionPrediction r => Metrics.R2(target.Values!.ToArray(), r.Values.Select(v => (double)v).ToArray()),
                Prediction.BinaryPrediction b => Metrics.Accuracy(target.Labels!.ToArray(), b.Labels.ToArray()),
                Prediction.MulticlassPrediction m => Metrics.Accuracy(target.Labels!.ToArray(), m.Labels.ToArray()),
                _ => throw new InvalidOperationException("Unknown prediction type."),
            };
        }
    }
}
