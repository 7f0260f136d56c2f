namespace MultiTask.Evaluation;

/// <summary>Regression metrics beyond the squared and absolute errors.</summary>
public static partial class Metrics
{
    /// <summary>
    /// Mean absolute percentage error mean(|y − ŷ| / max(|y|, ε)), ε the machine epsilon of double, as
    /// <c>sklearn.metrics.mean_absolute_percentage_error</c>: a fraction (0.1 is 10 %), huge when a true value is 0.
    /// </summary>
    /// <param name="actual">True values.</param>
    /// <param name="predicted">Predicted values, same length.</param>
    public static double MeanAbsolutePercentageError(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        CheckPair(actual, predicted);
        double sum = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            sum += Math.Abs(predicted[i] - actual[i]) / Math.Max(Math.Abs(actual[i]), MachineEpsilon);
        }

        return sum / actual.Length;
    }

    /// <summary>
    /// Median of |y − ŷ|, as <c>sklearn.metrics.median_absolute_error</c> (the mean of the two middle values for an
    /// even count).
    /// </summary>
    /// <param name="actual">True values.</param>
    /// <param name="predicted">Predicted values, same length.</param>
    public static double MedianAbsoluteError(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        CheckPair(actual, predicted);
        var errors = new double[actual.Length];
        for (int i = 0; i < actual.Length; i++)
        {
            errors[i] = Math.Abs(actual[i] - predicted[i]);
        }

        Array.Sort(errors);
        int mid = errors.Length / 2;
        return errors.Length % 2 == 1 ? errors[mid] : (errors[mid - 1] + errors[mid]) / 2.0;
    }
}
