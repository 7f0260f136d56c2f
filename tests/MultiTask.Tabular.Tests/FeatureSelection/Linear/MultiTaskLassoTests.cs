using MultiTask.Tabular.FeatureSelection.Linear;
using MultiTask.Tests.TestUtilities;
using Xunit.Abstractions;
using R = MultiTask.Tabular.Tests.FeatureSelection.SklearnModelReference;

namespace MultiTask.Tabular.Tests.FeatureSelection.Linear;

/// <summary>MultiTaskLasso against scikit-learn 1.2.1 on linnerud (3 tasks) and energy efficiency (2 tasks).</summary>
public sealed class MultiTaskLassoTests(ITestOutputHelper output)
{
    public static TheoryData<string, double, double[], double[], int> Cases => new()
    {
        { "linnerud", 1.0, R.MultiTaskLassoLinnerudA1Coef, R.MultiTaskLassoLinnerudA1Intercept, R.MultiTaskLassoLinnerudA1Iterations },
        { "linnerud", 10.0, R.MultiTaskLassoLinnerudA10Coef, R.MultiTaskLassoLinnerudA10Intercept, R.MultiTaskLassoLinnerudA10Iterations },
        { "energy", 0.1, R.MultiTaskLassoEnergyA01Coef, R.MultiTaskLassoEnergyA01Intercept, R.MultiTaskLassoEnergyA01Iterations },
        { "energy", 1.0, R.MultiTaskLassoEnergyA1Coef, R.MultiTaskLassoEnergyA1Intercept, R.MultiTaskLassoEnergyA1Iterations },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_MatchesScikitLearn(string dataset, double alpha, double[] coef, double[] intercept, int iterations)
    {
        var (x, y) = Load(dataset);

        var model = new MultiTaskLasso { Alpha = alpha }.Fit(x, y);

        var actual = ModelSelectionData.Flatten(model.Coefficients);
        output.WriteLine($"{dataset} alpha {alpha}: coef max rel error {ModelSelectionData.MaxRelativeError(actual, coef):E2}, intercept {ModelSelectionData.MaxRelativeError(model.Intercepts, intercept):E2}, sweeps {model.Iterations} vs {iterations}");
        ModelSelectionData.ShouldMatch(actual, coef);
        ModelSelectionData.ShouldMatch(model.Intercepts, intercept);
        model.Iterations.Should().Be(iterations);
    }

    [Fact]
    public void Fit_SharesOneSupportAcrossTasks()
    {
        var (x, y) = Load("energy");

        var model = new MultiTaskLasso { Alpha = 1.0 }.Fit(x, y);

        for (int j = 0; j < x.GetLength(1); j++)
        {
            bool zeroForFirst = model.Coefficients[0][j] == 0;
            model.Coefficients.Should().AllSatisfy(row => (row[j] == 0).Should().Be(zeroForFirst), $"feature {j} is in or out for every task");
        }

        model.Importances[2].Should().Be(Math.Abs(model.Coefficients[0][2]) + Math.Abs(model.Coefficients[1][2]));
    }

    [Fact]
    public void Fit_OneTask_IsTheLasso()
    {
        var (x, yAll) = ModelSelectionData.Diabetes();
        var y = new double[yAll.Length, 1];
        for (int i = 0; i < yAll.Length; i++)
        {
            y[i, 0] = yAll[i];
        }

        var multi = new MultiTaskLasso { Alpha = 1.0 }.Fit(x, y);
        var lasso = new Lasso { Alpha = 1.0 }.Fit(x, yAll);

        ModelSelectionData.ShouldMatch(multi.Coefficients[0], lasso.Coefficients, 1e-12);
        multi.Iterations.Should().Be(lasso.Iterations);
    }

    [Fact]
    public void Fit_RejectsMismatchedTargets_NamingThem()
    {
        FluentActions.Invoking(() => new MultiTaskLasso().Fit(new double[3, 2], new double[2, 2]))
            .Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*2 rows*3*");
    }

    internal static (double[,] X, double[,] Y) Load(string dataset)
    {
        var d = dataset == "linnerud" ? ToyDatasets.Linnerud() : ToyDatasets.EnergyEfficiency();
        var y = new double[d.X.GetLength(0), d.Targets.Length];
        for (int t = 0; t < d.Targets.Length; t++)
        {
            for (int i = 0; i < y.GetLength(0); i++)
            {
                y[i, t] = d.Targets[t][i];
            }
        }

        return (d.X, y);
    }
}
