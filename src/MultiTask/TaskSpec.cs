using MultiTask.Evaluation;

namespace MultiTask;

/// <summary>
/// Describes one task of a multi-task model: its name, what it predicts, its loss and the metrics reported for it.
/// </summary>
/// <remarks>Instances are immutable. Create them with <see cref="Regression"/>, <see cref="Binary"/> or <see cref="Multiclass"/>.</remarks>
public sealed class TaskSpec
{
    /// <summary>The label that marks a missing class in the targets of a binary or multiclass task: −1.</summary>
    public const int MissingClass = -1;

    private IMetric[]? _metrics;

    internal TaskSpec(string name, TaskKind kind, int classCount, LossFunction loss, IReadOnlyList<double>? classWeights = null, double focalGamma = 2.0)
    {
        Name = name;
        Kind = kind;
        ClassCount = classCount;
        Loss = loss;
        ClassWeights = classWeights;
        FocalGamma = focalGamma;
    }

    /// <summary>The task's name, unique within a model. Used as the key of its head, targets, metrics and predictions.</summary>
    public string Name { get; }

    /// <summary>What the task predicts.</summary>
    public TaskKind Kind { get; }

    /// <summary>The number of classes: 2 for binary tasks, the given count for multiclass tasks, 0 for regression.</summary>
    public int ClassCount { get; }

    /// <summary>The per-sample loss used in training and reported by evaluation.</summary>
    public LossFunction Loss { get; }

    /// <summary>
    /// Per-class loss weights of a classification task (index = class), or null for none. The task's loss is then
    /// Σ wᵧ·lᵢ / Σ wᵧ over the labelled rows (PyTorch's weighted mean). MultiTask.Tabular's <c>ClassBalancing.BalancedWeights</c> computes scikit-learn's balanced weights.
    /// </summary>
    public IReadOnlyList<double>? ClassWeights { get; }

    /// <summary>The focusing parameter γ of the focal loss (used when <see cref="Loss"/> is <see cref="LossFunction.Focal"/>).</summary>
    public double FocalGamma { get; }

    /// <summary>
    /// This task with per-class loss weights (class imbalance): a copy, since specs are immutable.
    /// </summary>
    /// <param name="weights">One weight per class, each finite and &gt; 0.</param>
    /// <exception cref="InvalidOperationException">The task is a regression task.</exception>
    public TaskSpec WithClassWeights(IReadOnlyList<double> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (Kind == TaskKind.Regression)
        {
            throw new InvalidOperationException($"Task '{Name}' is a regression task; class weights apply to classification tasks.");
        }

        if (weights.Count != ClassCount)
        {
            throw new ArgumentException($"Task '{Name}' has {ClassCount} classes; got {weights.Count} class weights.", nameof(weights));
        }

        int bad = weights.ToList().FindIndex(w => !(w > 0 && double.IsFinite(w)));
        if (bad >= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(weights), weights[bad], $"Class weight {bad} of task '{Name}' must be finite and > 0.");
        }

        return CarryEvaluation(new TaskSpec(Name, Kind, ClassCount, Loss, weights.ToArray(), FocalGamma));
    }

    /// <summary>
    /// This classification task with the focal loss −(1 − pₜ)^γ·log pₜ (Lin, Goyal, Girshick, He and Dollár, "Focal
    /// Loss for Dense Object Detection", ICCV 2017), which down-weights easy examples; α-balancing comes from
    /// <see cref="WithClassWeights"/>. A copy, since specs are immutable.
    /// </summary>
    /// <param name="gamma">The focusing parameter. Range: ≥ 0 (0 is cross-entropy). Default: 2.</param>
    public TaskSpec WithFocalLoss(double gamma = 2.0)
    {
        if (Kind == TaskKind.Regression)
        {
            throw new InvalidOperationException($"Task '{Name}' is a regression task; the focal loss applies to classification tasks.");
        }

        if (!(gamma >= 0 && double.IsFinite(gamma)))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, "The focal loss γ must be ≥ 0.");
        }

        return CarryEvaluation(new TaskSpec(Name, Kind, ClassCount, LossFunction.Focal, ClassWeights, gamma));
    }

    /// <summary>The width of the head's output: 1 for regression and binary (a logit), <see cref="ClassCount"/> for multiclass (logits).</summary>
    public int OutputSize => Kind == TaskKind.Multiclass ? ClassCount : 1;

    /// <summary>The names of the metrics that evaluation reports for this task (<see cref="EvaluationMetrics"/>).</summary>
    public IReadOnlyList<string> Metrics => EvaluationMetrics.Select(m => m.Name).ToArray();

    /// <summary>
    /// The metrics that evaluation reports for this task. Default: <see cref="StandardMetrics.DefaultsFor"/> its kind
    /// (regression: MSE, RMSE, MAE, R²; binary: accuracy, ROC AUC, log-loss; multiclass: accuracy, macro-F1).
    /// </summary>
    public IReadOnlyList<IMetric> EvaluationMetrics => _metrics ?? StandardMetrics.DefaultsFor(Kind);

    /// <summary>
    /// The probability of class 1 above which a binary task predicts label 1 (used by predictions and by the label
    /// metrics). Default: 0.5; 0.5 for other kinds.
    /// </summary>
    public double DecisionThreshold { get; private set; } = 0.5;

    /// <summary>This task with its own list of evaluation metrics: a copy, since specs are immutable.</summary>
    /// <param name="metrics">At least one metric; unique names; each must apply to the task's kind.</param>
    /// <exception cref="ArgumentException">The list is empty, a name repeats, or a metric does not apply to this task.</exception>
    public TaskSpec WithMetrics(params IMetric[] metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Length == 0)
        {
            throw new ArgumentException($"Task '{Name}' needs at least one metric.", nameof(metrics));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in metrics)
        {
            if (metric is null)
            {
                throw new ArgumentException($"The metric list of task '{Name}' contains null.", nameof(metrics));
            }

            if (!names.Add(metric.Name))
            {
                throw new ArgumentException($"Task '{Name}' lists metric '{metric.Name}' more than once.", nameof(metrics));
            }

            if (!metric.AppliesTo(Kind))
            {
                throw new ArgumentException($"Metric '{metric.Name}' does not apply to task '{Name}' ({Kind}).", nameof(metrics));
            }
        }

        var copy = CarryEvaluation(new TaskSpec(Name, Kind, ClassCount, Loss, ClassWeights, FocalGamma));
        copy._metrics = [.. metrics];
        return copy;
    }

    /// <summary>
    /// This binary task with another decision threshold: a row is labelled 1 when its probability of class 1 exceeds
    /// it. A copy, since specs are immutable.
    /// </summary>
    /// <param name="threshold">The threshold. Range: (0, 1). Default of a new task: 0.5.</param>
    /// <exception cref="InvalidOperationException">The task is not binary.</exception>
    public TaskSpec WithDecisionThreshold(double threshold)
    {
        if (Kind != TaskKind.Binary)
        {
            throw new InvalidOperationException($"Task '{Name}' is a {Kind} task; a decision threshold applies to binary tasks.");
        }

        if (!(threshold > 0 && threshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"Task '{Name}': the decision threshold must be in (0, 1).");
        }

        var copy = CarryEvaluation(new TaskSpec(Name, Kind, ClassCount, Loss, ClassWeights, FocalGamma));
        copy.DecisionThreshold = threshold;
        return copy;
    }

    /// <summary>A regression task (one real value per row).</summary>
    /// <param name="name">The task's name; not empty.</param>
    /// <param name="loss">Default: <see cref="LossFunction.MeanSquaredError"/>. Allowed: the regression losses.</param>
    public static TaskSpec Regression(string name, LossFunction loss = LossFunction.MeanSquaredError)
    {
        CheckName(name);
        if (loss is not (LossFunction.MeanSquaredError or LossFunction.MeanAbsoluteError or LossFunction.Huber))
        {
            throw new ArgumentException($"Task '{name}': loss {loss} does not apply to a regression task; use MeanSquaredError, MeanAbsoluteError or Huber.", nameof(loss));
        }

        return new TaskSpec(name, TaskKind.Regression, 0, loss);
    }

    /// <summary>A binary classification task (labels 0 and 1). Its loss is binary cross-entropy on the logit.</summary>
    /// <param name="name">The task's name; not empty.</param>
    public static TaskSpec Binary(string name)
    {
        CheckName(name);
        return new TaskSpec(name, TaskKind.Binary, 2, LossFunction.BinaryCrossEntropy);
    }

    /// <summary>A multiclass classification task (labels 0 … <paramref name="classCount"/> − 1). Its loss is cross-entropy.</summary>
    /// <param name="name">The task's name; not empty.</param>
    /// <param name="classCount">The number of classes. Range: ≥ 2.</param>
    public static TaskSpec Multiclass(string name, int classCount)
    {
        CheckName(name);
        if (classCount < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, $"Task '{name}': a multiclass task needs at least 2 classes.");
        }

        return new TaskSpec(name, TaskKind.Multiclass, classCount, LossFunction.CrossEntropy);
    }

    /// <inheritdoc/>
    public override string ToString() => Kind == TaskKind.Multiclass ? $"{Name} (Multiclass, {ClassCount} classes)" : $"{Name} ({Kind})";

    internal static void CheckTasks(IReadOnlyList<TaskSpec> tasks, string paramName)
    {
        ArgumentNullException.ThrowIfNull(tasks, paramName);
        if (tasks.Count == 0)
        {
            throw new ArgumentException("At least one task is required.", paramName);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (task is null)
            {
                throw new ArgumentException("The task list contains null.", paramName);
            }

            if (!seen.Add(task.Name))
            {
                throw new ArgumentException($"Task '{task.Name}' appears more than once; task names must be unique.", paramName);
            }
        }
    }

    private TaskSpec CarryEvaluation(TaskSpec copy)
    {
        copy._metrics = _metrics;
        copy.DecisionThreshold = DecisionThreshold;
        return copy;
    }

    private static void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Task name '{name}' contains '.', which is reserved for parameter paths.", nameof(name));
        }
    }
}
