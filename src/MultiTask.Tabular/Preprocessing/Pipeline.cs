using MultiTask.Data;
using MultiTask.Tabular.FeatureSelection;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// Steps applied in order; fitting fits each step on the output of the fitted steps before it (scikit-learn's Pipeline).
/// Steps may be unsupervised (<see cref="ITransformEstimator"/>: imputers, encoders, scalers) or supervised
/// (<see cref="ISupervisedTransformEstimator"/>: feature selectors, which receive the targets given to
/// <see cref="Fit(TabularData, IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>). The fitted pipeline holds every
/// fitted step, selections included, and is saved with a model (<see cref="MultiTaskModel.AttachPreprocessing"/>).
/// </summary>
public sealed class Pipeline : ITransformEstimator, ISupervisedTransformEstimator
{
    private readonly IPipelineStep[] _steps;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="steps">The steps, in order; at least one, each an <see cref="ITransformEstimator"/> or an <see cref="ISupervisedTransformEstimator"/>.</param>
    /// <exception cref="ArgumentException">No step, a null step, or a step of neither kind; the message names its position.</exception>
    public Pipeline(params IPipelineStep[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Length == 0)
        {
            throw new ArgumentException("A pipeline needs at least one step.", nameof(steps));
        }

        for (int i = 0; i < steps.Length; i++)
        {
            if (steps[i] is not (ITransformEstimator or ISupervisedTransformEstimator))
            {
                throw new ArgumentException($"Step {i} ({steps[i]?.GetType().Name ?? "null"}) is neither an {nameof(ITransformEstimator)} nor an {nameof(ISupervisedTransformEstimator)}.", nameof(steps));
            }
        }

        _steps = steps;
    }

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<IPipelineStep> Steps => _steps;

    /// <summary>Whether a step needs targets, so that only <see cref="Fit(TabularData, IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/> can fit the pipeline.</summary>
    public bool IsSupervised => _steps.Any(s => s is not ITransformEstimator);

    /// <summary>Fits every step on the training features, without targets.</summary>
    /// <param name="data">The training table.</param>
    /// <returns>The fitted pipeline.</returns>
    /// <exception cref="InvalidOperationException">A step needs targets (<see cref="IsSupervised"/>); the message names it.</exception>
    public FittedPipeline Fit(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        int supervised = Array.FindIndex(_steps, s => s is not ITransformEstimator);
        if (supervised >= 0)
        {
            throw new InvalidOperationException($"Step {supervised} ({_steps[supervised].GetType().Name}) learns from targets; fit the pipeline with Fit(data, tasks, targets).");
        }

        return FitSteps(data, step => ((ITransformEstimator)step).Fit);
    }

    /// <summary>
    /// Fits every step on the training rows: unsupervised steps on the features alone, supervised steps (selectors) on
    /// the features and the targets — the same tasks and targets as <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/> takes.
    /// </summary>
    /// <param name="data">The training table (features only).</param>
    /// <param name="tasks">The tasks.</param>
    /// <param name="targets">Each task's targets for the training rows, paired with <paramref name="tasks"/> by position.</param>
    /// <returns>The fitted pipeline.</returns>
    /// <exception cref="ArgumentException">The targets do not match the tasks or the rows; the message names the task.</exception>
    public FittedPipeline Fit(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(targets);
        return FitSteps(data, step => step is ISupervisedTransformEstimator supervised
            ? current => supervised.Fit(current, tasks, targets)
            : ((ITransformEstimator)step).Fit);
    }

    /// <inheritdoc/>
    IFittedTransform ITransformEstimator.Fit(TabularData data) => Fit(data);

    /// <inheritdoc/>
    IFittedTransform ISupervisedTransformEstimator.Fit(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Fit(data, tasks, targets);

    private FittedPipeline FitSteps(TabularData data, Func<IPipelineStep, Func<TabularData, IFittedTransform>> fitOf)
    {
        var fitted = new List<IFittedTransform>(_steps.Length);
        var current = data;
        foreach (var step in _steps)
        {
            var f = fitOf(step)(current);
            fitted.Add(f);
            current = f.Transform(current);
        }

        return new FittedPipeline(fitted);
    }
}
