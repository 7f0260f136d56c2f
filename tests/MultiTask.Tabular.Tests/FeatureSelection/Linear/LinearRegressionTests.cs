using MultiTask.Tabular.FeatureSelection.Linear;
using Xunit.Abstractions;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnModelReference;

namespace MultiTask.Tabular.Tests.FeatureSelection.Linear;

public sealed class LinearRegressionTests(ITestOutputHelper output)
{
    [Fact]
    public void Fit_Diabetes_MatchesScikitLearn()
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var model = new LinearRegression().Fit(x, y);

        output.WriteLine($"coef max rel error {ModelSelectionData.MaxRelativeError(model.Coefficients, R.LinearRegressionDiabetesCoef):E2}, intercept {Math.Abs(model.Intercept - R.LinearRegressionDiabetesIntercept) / Math.Abs(R.LinearRegressionDiabetesIntercept):E2}");
        ModelSelectionData.ShouldMatch(model.Coefficients, R.LinearRegressionDiabetesCoef, 1e-9);
        model.Intercept.Should().BeApproximately(R.LinearRegressionDiabetesIntercept, 1e-9 * Math.Abs(R.LinearRegressionDiabetesIntercept));
    }

    [Fact]
    public void Fit_ExactLine_RecoversIt()
    {
        double[,] x = { { 0, 1 }, { 1, 0 }, { 2, 2 }, { 3, 5 }, { 4, 1 } };
        double[] y = Enumerable.Range(0, 5).Select(i => 1.5 + (2 * x[i, 0]) - (0.5 * x[i, 1])).ToArray();

        var model = new LinearRegression().Fit(x, y);

        model.Coefficients[0].Should().BeApproximately(2, 1e-13);
        model.Coefficients[1].Should().BeApproximately(-0.5, 1e-13);
        model.Intercept.Should().BeApproximately(1.5, 1e-13);
        model.Score(x, y).Should().Be(1.0);
    }

    [Fact]
    public void Fit_NearlyCollinearColumns_StillRecoversTheCoefficients()
    {
        // x1 = x0 + 1e-6·z makes cond(X) about 1e6, past the normal equations' range: the QR fallback solves it.
        var random = new Random(8);
        int n = 50;
        var x = new double[n, 3];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i, 0] = random.NextDouble();
            x[i, 1] = x[i, 0] + (1e-6 * (random.NextDouble() - 0.5));
            x[i, 2] = random.NextDouble();
            y[i] = 0.5 + x[i, 0] + (2 * x[i, 1]) + (3 * x[i, 2]);
        }

        var model = new LinearRegression().Fit(x, y);

        model.Coefficients[0].Should().BeApproximately(1, 1e-6);
        model.Coefficients[1].Should().BeApproximately(2, 1e-6);
        model.Coefficients[2].Should().BeApproximately(3, 1e-9);
        model.Intercept.Should().BeApproximately(0.5, 1e-8);
    }

    [Fact]
    public void Fit_DuplicatedColumn_ReturnsTheMinimumNormSolution()
    {
        // Columns 0 and 1 are equal: y = 4·x0 is fitted by any w0 + w1 = 4; the minimum-norm solution splits it evenly.
        double[,] x = { { 1, 1, 0 }, { 2, 2, 1 }, { 3, 3, 0 }, { 4, 4, 1 }, { 5, 5, 0 } };
        double[] y = Enumerable.Range(0, 5).Select(i => (4 * x[i, 0]) + (3 * x[i, 2]) + 1).ToArray();

        var model = new LinearRegression().Fit(x, y);

        model.Coefficients[0].Should().BeApproximately(2, 1e-12);
        model.Coefficients[1].Should().BeApproximately(2, 1e-12);
        model.Coefficients[2].Should().BeApproximately(3, 1e-12);
        model.Intercept.Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void Fit_MoreFeaturesThanRows_ReturnsTheMinimumNormInterpolant()
    {
        // Two rows, three features that move together: any w with w0 + w1 + w2 = 3 interpolates; the minimum-norm one is (1, 1, 1).
        double[,] x = { { 0, 0, 0 }, { 1, 1, 1 } };
        double[] y = [0, 3];

        var model = new LinearRegression().Fit(x, y);

        model.Coefficients.Should().AllSatisfy(c => c.Should().BeApproximately(1, 1e-12));
        model.Intercept.Should().BeApproximately(0, 1e-12);
    }
}
