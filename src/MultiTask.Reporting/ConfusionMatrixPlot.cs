using System.Globalization;
using MultiTask.Evaluation;

namespace MultiTask.Reporting;

/// <summary>A heat map of a <see cref="ConfusionMatrix"/>: true classes down, predicted classes across, each cell labelled with its value.</summary>
public static class ConfusionMatrixPlot
{
    /// <summary>
    /// Draws the matrix. Cell colours scale with the counts, or with the normalised values when
    /// <paramref name="normalization"/> is given (labels then show them with two decimals).
    /// </summary>
    /// <param name="matrix">The confusion matrix.</param>
    /// <param name="classNames">Names of the classes in class order, for the axes; null for 0, 1, …. Default: null.</param>
    /// <param name="normalization">Normalise by true-class, predicted-class or grand totals; null for counts. Default: null.</param>
    /// <param name="title">The chart title, for example the task name. Default: "Confusion matrix".</param>
    public static Chart Heatmap(ConfusionMatrix matrix, IReadOnlyList<string>? classNames = null, ConfusionNormalization? normalization = null, string title = "Confusion matrix")
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int k = matrix.ClassCount;
        if (classNames is not null && classNames.Count != k)
        {
            throw new ArgumentException($"The confusion matrix has {k.ToString(CultureInfo.InvariantCulture)} classes but {classNames.Count.ToString(CultureInfo.InvariantCulture)} class names were given.", nameof(classNames));
        }
        var names = classNames ?? [.. Enumerable.Range(0, k).Select(c => c.ToString(CultureInfo.InvariantCulture))];
        double[,] values = normalization is { } n ? matrix.Normalized(n) : ToDouble(matrix.Counts());
        return MatrixPlots.Heatmap(values, names, names, title, "Predicted class", "True class", normalization is null ? "0" : "0.00");
    }

    private static double[,] ToDouble(long[,] counts)
    {
        var result = new double[counts.GetLength(0), counts.GetLength(1)];
        for (int i = 0; i < counts.GetLength(0); i++)
        {
            for (int j = 0; j < counts.GetLength(1); j++)
            {
                result[i, j] = counts[i, j];
            }
        }
        return result;
    }
}
