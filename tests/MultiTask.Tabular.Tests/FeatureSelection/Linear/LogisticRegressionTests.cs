using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.FeatureSelection.Linear;
using Xunit.Abstractions;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnModelReference;

namespace MultiTask.Tabular.Tests.FeatureSelection.Linear;

/// <summary>
/// LogisticRegression (L2, C = 1) against scikit-learn 1.2.1's converged solution (its Newton solvers with a tight
/// tol), and against its default lbfgs fit, which stops about 1e-4 short of the optimum.
/// </summary>
public sealed class LogisticRegressionTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_BreastCancer_MatchesTheConvergedOptimum()
    {
        var (x, y) = ModelSelectionData.CancerStandardised();

        var model = new LogisticRegression().Fit(x, y);

        output.WriteLine($"coef max rel error {ModelSelectionData.MaxRelativeError(model.Coefficients[0], R.LogisticCancerCoef):E2}; vs default lbfgs {ModelSelectionData.MaxRelativeError(model.Coefficients[0], R.LogisticCancerDefaultLbfgsCoef):E2}; Newton steps {model.Iterations}; |gradient| {model.GradientNorm:E2}");
        model.Classes.Should().Equal(0, 1);
        model.Coefficients.Should().HaveCount(1);
        ModelSelectionData.ShouldMatch(model.Coefficients[0], R.LogisticCancerCoef, 1e-7);
        model.Intercepts[0].Should().BeApproximately(R.LogisticCancerIntercept, 1e-7 * Math.Abs(R.LogisticCancerIntercept));
        ModelSelectionData.ShouldMatch(model.Coefficients[0], R.LogisticCancerDefaultLbfgsCoef, 1e-2);
        model.Converged.Should().BeTrue();
        model.GradientNorm.Should().BeLessThan(1e-8);
    }

    [Fact]
    public void Fit_Wine_MatchesTheConvergedMultinomialOptimum()
    {
        var (x, y) = ModelSelectionData.WineStandardised();

        var model = new LogisticRegression().Fit(x, y);

        var coef = ModelSelectionData.Flatten(model.Coefficients);
        output.WriteLine($"coef max rel error {ModelSelectionData.MaxRelativeError(coef, R.LogisticWineCoef):E2}; intercepts {ModelSelectionData.MaxRelativeError(model.Intercepts, R.LogisticWineIntercept):E2}; vs default lbfgs {ModelSelectionData.MaxRelativeError(coef, R.LogisticWineDefaultLbfgsCoef):E2}; Newton steps {model.Iterations}; |gradient| {model.GradientNorm:E2}");
        model.Classes.Should().Equal(0, 1, 2);
        ModelSelectionData.ShouldMatch(coef, R.LogisticWineCoef, 1e-6);
        ModelSelectionData.ShouldMatch(model.Intercepts, R.LogisticWineIntercept, 1e-6);
        model.Intercepts.Sum().Should().BeApproximately(0, 1e-12);
        model.Converged.Should().BeTrue();
    }

    [Fact]
    public void Importances_AreSquaredCoefficientsSummedOverClasses()
    {
        var (x, y) = ModelSelectionData.WineStandardised();

        var model = new LogisticRegression().Fit(x, y);

        for (int j = 0; j < 13; j++)
        {
            model.Importances[j].Should().BeApproximately(model.Coefficients.Sum(row => row[j] * row[j]), 1e-15);
        }
    }

    [Fact]
    public void Predict_IsTheArgmaxOfTheProbabilities_AndScoreIsAccuracy()
    {
        var (x, y) = ModelSelectionData.WineStandardised();
        var model = new LogisticRegression().Fit(x, y);

        var labels = model.Predict(x);
        var probabilities = model.PredictProbabilities(x);

        for (int i = 0; i < labels.Length; i++)
        {
            probabilities[i].Sum().Should().BeApproximately(1, 1e-12);
            labels[i].Should().Be(Array.IndexOf(probabilities[i], probabilities[i].Max()));
        }

        model.Score(x, y).Should().Be(labels.Where((l, i) => l == y[i]).Count() / (double)y.Length);
    }

    [Fact]
    public void Fit_KeepsTheLabelValues()
    {
        double[,] x = { { -2 }, { -1 }, { 0 }, { 1 }, { 2 }, { 3 } };
        int[] labels = [7, 7, 3, 7, 3, 3];

        var model = new LogisticRegression().Fit(x, labels);

        model.Classes.Should().Equal(3, 7);
        model.Coefficients[0][0].Should().BeNegative("class 7 (the positive class, Classes[1]) is more likely at low x");
        model.Predict(new double[,] { { -10 }, { 10 } }).Should().Equal(7, 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Fit_ManyRows_SubsampledEarlyHessians_ReachTheSameOptimum(int classes)
    {
        // 60 000 rows: the first Newton steps use a Hessian from every 12th row; the final ones use all rows.
        var random = new Random(classes);
        int n = 60_000, p = 5;
        var x = new double[n, p];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            double score = 0;
            for (int j = 0; j < p; j++)
            {
                x[i, j] = random.NextDouble() - 0.5;
                score += (j + 1) * x[i, j];
            }

            labels[i] = (int)Math.Clamp(Math.Floor((score + random.NextDouble() - 0.5 + 2) * classes / 4), 0, classes - 1);
        }

        var subsampled = new LogisticRegression().Fit(x, labels);
        var exact = new LogisticRegression { SubsampleRows = int.MaxValue }.Fit(x, labels);

        subsampled.Converged.Should().BeTrue();
        ModelSelectionData.ShouldMatch(ModelSelectionData.Flatten(subsampled.Coefficients), ModelSelectionData.Flatten(exact.Coefficients), 1e-9);
        ModelSelectionData.ShouldMatch(subsampled.Intercepts, exact.Intercepts, 1e-9);
    }

    [Fact]
    public void Fit_OneClass_IsRejected()
    {
        FluentActions.Invoking(() => new LogisticRegression().Fit(new double[,] { { 1 }, { 2 } }, [4, 4]))
            .Should().Throw<ArgumentException>().WithParameterName("labels").WithMessage("*at least 2 classes*only class 4*");
    }

    [Fact]
    public void Fit_RegressionTarget_IsRejectedByName()
    {
        IImportanceEstimator estimator = new LogisticRegression();
        FluentActions.Invoking(() => estimator.Fit(new double[,] { { 1 }, { 2 } }, SelectionTarget.Regression("price", [1.0, 2.0])))
            .Should().Throw<ArgumentException>().WithMessage("*classification target*'price'*");
    }

    [Fact]
    public void Constructor_RejectsNonPositiveC()
    {
        FluentActions.Invoking(() => new LogisticRegression { C = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("C");
    }
}
