using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.FeatureSelection.Linear;
using Xunit.Abstractions;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnModelReference;

namespace MultiTask.Tabular.Tests.FeatureSelection.Linear;

/// <summary>Lasso and ElasticNet against scikit-learn 1.2.1 on the raw diabetes data (same alpha, l1_ratio, tol, max_iter).</summary>
public sealed class LassoTests(ITestOutputHelper output)
{
    public static TheoryData<double, double[], double, int, double> LassoCases => new()
    {
        { 0.01, R.LassoDiabetesA001Coef, R.LassoDiabetesA001Intercept, R.LassoDiabetesA001Iterations, R.LassoDiabetesA001DualGap },
        { 0.1, R.LassoDiabetesA01Coef, R.LassoDiabetesA01Intercept, R.LassoDiabetesA01Iterations, R.LassoDiabetesA01DualGap },
        { 1.0, R.LassoDiabetesA1Coef, R.LassoDiabetesA1Intercept, R.LassoDiabetesA1Iterations, R.LassoDiabetesA1DualGap },
        { 10.0, R.LassoDiabetesA10Coef, R.LassoDiabetesA10Intercept, R.LassoDiabetesA10Iterations, R.LassoDiabetesA10DualGap },
    };

    public static TheoryData<double, double, double[], double, int> ElasticNetCases => new()
    {
        { 0.1, 0.5, R.ElasticNetDiabetesA01R05Coef, R.ElasticNetDiabetesA01R05Intercept, R.ElasticNetDiabetesA01R05Iterations },
        { 1.0, 0.7, R.ElasticNetDiabetesA1R07Coef, R.ElasticNetDiabetesA1R07Intercept, R.ElasticNetDiabetesA1R07Iterations },
        { 0.01, 0.2, R.ElasticNetDiabetesA001R02Coef, R.ElasticNetDiabetesA001R02Intercept, R.ElasticNetDiabetesA001R02Iterations },
    };

    [Theory]
    [MemberData(nameof(LassoCases))]
    public void Lasso_Diabetes_MatchesScikitLearn(double alpha, double[] coef, double intercept, int iterations, double dualGap)
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var model = new Lasso { Alpha = alpha }.Fit(x, y);

        output.WriteLine($"alpha {alpha}: coef max rel error {ModelSelectionData.MaxRelativeError(model.Coefficients, coef):E2}, intercept {Math.Abs(model.Intercept - intercept) / Math.Abs(intercept):E2}, gap {Math.Abs(model.DualGap - dualGap) / dualGap:E2}, sweeps {model.Iterations} vs {iterations}");
        ModelSelectionData.ShouldMatch(model.Coefficients, coef);
        model.Intercept.Should().BeApproximately(intercept, 1e-6 * Math.Abs(intercept));
        model.Iterations.Should().Be(iterations, "the same update order and stopping rule take the same number of sweeps");
        model.DualGap.Should().BeApproximately(dualGap, 1e-6 * dualGap);
        model.Converged.Should().BeTrue();
    }

    [Theory]
    [MemberData(nameof(ElasticNetCases))]
    public void ElasticNet_Diabetes_MatchesScikitLearn(double alpha, double l1Ratio, double[] coef, double intercept, int iterations)
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var model = new ElasticNet { Alpha = alpha, L1Ratio = l1Ratio }.Fit(x, y);

        output.WriteLine($"alpha {alpha}, l1_ratio {l1Ratio}: coef max rel error {ModelSelectionData.MaxRelativeError(model.Coefficients, coef):E2}, intercept {Math.Abs(model.Intercept - intercept) / Math.Abs(intercept):E2}, sweeps {model.Iterations} vs {iterations}");
        ModelSelectionData.ShouldMatch(model.Coefficients, coef);
        model.Intercept.Should().BeApproximately(intercept, 1e-6 * Math.Abs(intercept));
        model.Iterations.Should().Be(iterations);
    }

    [Fact]
    public void ElasticNet_L1RatioOne_IsTheLasso()
    {
        var (x, y) = ModelSelectionData.Diabetes();

        var net = new ElasticNet { Alpha = 1.0, L1Ratio = 1.0 }.Fit(x, y);
        var lasso = new Lasso { Alpha = 1.0 }.Fit(x, y);

        net.Coefficients.Should().Equal(lasso.Coefficients);
        net.Intercept.Should().Be(lasso.Intercept);
    }

    [Fact]
    public void Lasso_AlphaAboveTheLargestCorrelation_KeepsNoFeature_AndPredictsTheMean()
    {
        // Every coefficient is zero once n·α exceeds max_j |x_jᵀ(y − ȳ)| (the lasso's α_max).
        double[,] x = { { 1, 0 }, { 2, 1 }, { 3, 0 }, { 4, 1 } };
        double[] y = [1, 3, 2, 6];

        var model = new Lasso { Alpha = 10 }.Fit(x, y);

        model.Coefficients.Should().Equal(0.0, 0.0);
        model.Intercept.Should().Be(3.0);
        model.Predict(new double[,] { { 7, 7 } }).Should().Equal(3.0);
        model.Iterations.Should().Be(1, "the first sweep leaves w = 0, so the gap is checked and met at once");
    }

    [Fact]
    public void Lasso_OneFeature_IsTheSoftThresholdedLeastSquaresSlope()
    {
        // With one centred feature, w = S(xᵀy, nα) / xᵀx exactly (S the soft threshold).
        double[,] x = { { 0 }, { 1 }, { 2 }, { 3 } };
        double[] y = [0, 2, 2, 6];

        var model = new Lasso { Alpha = 0.5 }.Fit(x, y);

        // centred x = (−1.5, −0.5, 0.5, 1.5), xᵀx = 5; centred y = (−2.5, −0.5, −0.5, 3.5), xᵀy = 9; nα = 2.
        model.Coefficients[0].Should().BeApproximately((9.0 - 2.0) / 5.0, 1e-15);
        model.Intercept.Should().BeApproximately(2.5 - (1.5 * 1.4), 1e-14);
    }

    [Fact]
    public void FitImportances_AreTheSquaredCoefficients()
    {
        var (x, y) = ModelSelectionData.Diabetes();
        IImportanceEstimator estimator = new Lasso { Alpha = 1.0 };

        var importances = estimator.FitImportances(x, SelectionTarget.Regression("progression", y));

        importances.Should().Equal(new Lasso { Alpha = 1.0 }.Fit(x, y).Coefficients.Select(c => c * c));
    }

    [Fact]
    public void Lasso_ScoreIsR2()
    {
        double[,] x = { { 0 }, { 1 }, { 2 }, { 3 } };
        double[] y = [0, 2, 2, 6];
        var model = new Lasso { Alpha = 0.5 }.Fit(x, y);

        var predicted = model.Predict(x);
        double mean = y.Average();
        double expected = 1 - (y.Select((v, i) => (v - predicted[i]) * (v - predicted[i])).Sum() / y.Select(v => (v - mean) * (v - mean)).Sum());

        model.Score(x, y).Should().BeApproximately(expected, 1e-15);
    }

    [Fact]
    public void Constructors_RejectInvalidSettings_NamingTheParameter()
    {
        FluentActions.Invoking(() => new Lasso { Alpha = -1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Alpha");
        FluentActions.Invoking(() => new Lasso { MaxIterations = 0 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("MaxIterations");
        FluentActions.Invoking(() => new Lasso { Tolerance = double.NaN }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Tolerance");
        FluentActions.Invoking(() => new ElasticNet { L1Ratio = 1.5 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("L1Ratio");
    }

    [Fact]
    public void Fit_RejectsBadInput_NamingTheRowOrCount()
    {
        FluentActions.Invoking(() => new Lasso().Fit(new double[,] { { 1 }, { double.NaN } }, [1.0, 2.0]))
            .Should().Throw<ArgumentException>().WithParameterName("x").WithMessage("*row 1, column 0*");
        FluentActions.Invoking(() => new Lasso().Fit(new double[,] { { 1 }, { 2 } }, [1.0]))
            .Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*1 rows*2*");
        var model = new Lasso { Alpha = 0.1 }.Fit(new double[,] { { 1 }, { 2 }, { 3 } }, [1.0, 2.0, 4.0]);
        FluentActions.Invoking(() => model.Predict(new double[,] { { 1, 2 } }))
            .Should().Throw<ArgumentException>().WithMessage("*fitted on 1 features; got 2*");
    }
}
