using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>Steps applied in order; fitting fits each step on the output of the fitted steps before it (scikit-learn's Pipeline).</summary>
public sealed class Pipeline : ITransformEstimator
{
    private readonly ITransformEstimator[] _steps;

    /// <summary>Creates the pipeline.</summary>
    /// <param name="steps">The steps, in order; at least one.</param>
    public Pipeline(params ITransformEstimator[] steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        if (steps.Length == 0 || steps.Any(s => s is null))
        {
            throw new ArgumentException("A pipeline needs at least one step and no null step.", nameof(steps));
        }

        _steps = steps;
    }

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<ITransformEstimator> Steps => _steps;

    /// <inheritdoc/>
    public IFittedTransform Fit(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var fitted = new List<IFittedTransform>(_steps.Length);
        var current = data;
        foreach (var step in _steps)
        {
            var f = step.Fit(current);
            fitted.Add(f);
            current = f.Transform(current);
        }

        return new FittedPipeline(fitted);
    }
}
