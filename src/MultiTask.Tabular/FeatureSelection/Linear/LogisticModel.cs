namespace MultiTask.Tabular.FeatureSelection.Linear;

/// <summary>
/// A fitted L2-penalised logistic regression from <see cref="LogisticRegression"/>: scikit-learn's <c>classes_</c>,
/// <c>coef_</c> (one row for two classes, one row per class for more) and <c>intercept_</c>.
/// </summary>
public sealed class LogisticModel : IImportanceModel, IColumnModel
{
    private readonly int[] _classes;
    private readonly double[][] _coefficients;
    private readonly double[] _intercepts;

    internal LogisticModel(int[] classes, double[][] coefficients, double[] intercepts, int iterations, double gradientNorm, bool converged)
    {
        _classes = classes;
        _coefficients = coefficients;
        _intercepts = intercepts;
        Iterations = iterations;
        GradientNorm = gradientNorm;
        Converged = converged;
        var importances = new double[coefficients[0].Length];
        foreach (var row in coefficients)
        {
            for (int j = 0; j < row.Length; j++)
            {
                importances[j] += row[j] * row[j];
            }
        }

        Importances = importances;
    }

    /// <summary>The class labels, ascending (scikit-learn's <c>classes_</c>).</summary>
    public IReadOnlyList<int> Classes => _classes;

    /// <summary>
    /// The coefficients (scikit-learn's <c>coef_</c>): one row for a binary problem (the log-odds of
    /// <c>Classes[1]</c>), else one row per class of the multinomial model, in <see cref="Classes"/> order.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>> Coefficients => _coefficients;

    /// <summary>The intercepts, one per coefficient row; a multinomial model's sum to zero (the unpenalised intercepts are only defined up to a shared shift, and scikit-learn's lbfgs, started from zero, keeps their sum at zero).</summary>
    public IReadOnlyList<double> Intercepts => _intercepts;

    /// <summary>Newton iterations run.</summary>
    public int Iterations { get; }

    /// <summary>The largest absolute component of the objective's gradient at the solution (scikit-learn's lbfgs stops at 1e-4 or earlier).</summary>
    public double GradientNorm { get; }

    /// <summary>Whether Newton's method met its step tolerance before the iteration limit.</summary>
    public bool Converged { get; }

    /// <summary>The squared coefficients summed over the rows of <see cref="Coefficients"/>, which scikit-learn's RFE ranks (<c>transform_func="square"</c>).</summary>
    public IReadOnlyList<double> Importances { get; }

    /// <summary>Predicts the most probable class of each row (the first class on ties, as numpy's argmax).</summary>
    /// <param name="x">[rows, features] finite values.</param>
    public int[] Predict(double[,] x) => PredictColumns(ColumnMatrix.FromArray(x, nameof(x)));

    /// <summary>Predicts each row's class probabilities, in <see cref="Classes"/> order.</summary>
    /// <param name="x">[rows, features] finite values.</param>
    public double[][] PredictProbabilities(double[,] x)
    {
        var m = ColumnMatrix.FromArray(x, nameof(x));
        CheckWidth(m.Columns, nameof(x));
        var scores = Decision(m);
        var result = new double[m.Rows][];
        for (int i = 0; i < m.Rows; i++)
        {
            if (scores.Length == 1)
            {
                double p1 = LogisticRegression.Sigmoid(scores[0][i]);
                result[i] = [1 - p1, p1];
            }
            else
            {
                var row = new double[scores.Length];
                double max = double.NegativeInfinity;
                for (int k = 0; k < row.Length; k++)
                {
                    max = Math.Max(max, scores[k][i]);
                }

                double sum = 0;
                for (int k = 0; k < row.Length; k++)
                {
                    row[k] = Math.Exp(scores[k][i] - max);
                    sum += row[k];
                }

                for (int k = 0; k < row.Length; k++)
                {
                    row[k] /= sum;
                }

                result[i] = row;
            }
        }

        return result;
    }

    /// <summary>The accuracy of the predictions (scikit-learn's <c>score</c> for classifiers).</summary>
    /// <param name="x">[rows, features] finite values.</param>
    /// <param name="labels">The true class of each row.</param>
    public double Score(double[,] x, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var predicted = Predict(x);
        TargetArrays.CheckCount(labels.Count, predicted.Length, nameof(labels));
        return Accuracy(labels, predicted);
    }

    /// <inheritdoc/>
    double IImportanceModel.Score(double[,] x, SelectionTarget target)
        => ((IColumnModel)this).ScoreColumns(ColumnMatrix.FromArray(x, nameof(x)), target);

    /// <inheritdoc/>
    double IColumnModel.ScoreColumns(ColumnMatrix x, SelectionTarget target)
    {
        var labels = TargetArrays.Labels(target, x.Rows, nameof(LogisticRegression), nameof(target));
        return Accuracy(labels, PredictColumns(x));
    }

    private static double Accuracy(IReadOnlyList<int> truth, int[] predicted)
    {
        int correct = 0;
        for (int i = 0; i < predicted.Length; i++)
        {
            if (truth[i] == predicted[i])
            {
                correct++;
            }
        }

        return (double)correct / predicted.Length;
    }

    private int[] PredictColumns(ColumnMatrix x)
    {
        CheckWidth(x.Columns, nameof(x));
        var scores = Decision(x);
        var labels = new int[x.Rows];
        for (int i = 0; i < x.Rows; i++)
        {
            if (scores.Length == 1)
            {
                labels[i] = _classes[scores[0][i] > 0 ? 1 : 0];
            }
            else
            {
                int best = 0;
                for (int k = 1; k < scores.Length; k++)
                {
                    if (scores[k][i] > scores[best][i])
                    {
                        best = k;
                    }
                }

                labels[i] = _classes[best];
            }
        }

        return labels;
    }

    private double[][] Decision(ColumnMatrix x) => _coefficients.Select((w, k) => x.Multiply(w, _intercepts[k])).ToArray();

    private void CheckWidth(int columns, string paramName)
    {
        if (columns != _coefficients[0].Length)
        {
            throw new ArgumentException($"The model was fitted on {_coefficients[0].Length} features; got {columns}.", paramName);
        }
    }
}
