using MultiTask.Weighting.Solvers;

namespace MultiTask.Tests.Weighting.Solvers;

public sealed class BoxQpTests
{
    [Fact]
    public void Solve_InactiveBounds_ReturnsUnconstrainedMinimiser()
    {
        // Q = [[2, 1], [1, 2]], q = (−3, 0): Q⁻¹(−q) = (2, −1), inside x ≥ (0, −5).
        var x = BoxQp.Solve(new double[,] { { 2, 1 }, { 1, 2 } }, [-3, 0], [0, -5]);

        x[0].Should().BeApproximately(2, 1e-12);
        x[1].Should().BeApproximately(-1, 1e-12);
    }

    [Fact]
    public void Solve_OneActiveBound_ReturnsBoundaryMinimiser()
    {
        // Same problem with x ≥ 0: x₂ = 0 and x₁ = 3/2; the gradient of x₂ there is 1·1.5 + 0 = 1.5 ≥ 0.
        var x = BoxQp.Solve(new double[,] { { 2, 1 }, { 1, 2 } }, [-3, 0], [0, 0]);

        x[0].Should().BeApproximately(1.5, 1e-12);
        x[1].Should().Be(0);
    }

    [Fact]
    public void Solve_AllBoundsActive_ReturnsLowerBounds()
    {
        var x = BoxQp.Solve(new double[,] { { 1, 0 }, { 0, 1 } }, [1, 2], [0.25, -0.5]);

        x[0].Should().Be(0.25);
        x[1].Should().Be(-0.5);
    }

    [Fact]
    public void Solve_FourFreeVariables_MatchesTheLinearSystemSolution()
    {
        // Q = [[4, 2, 0, 0], [2, 5, 1, 0], [0, 1, 3, 1], [0, 0, 1, 2]] and q = −Q·(1, 2, 3, 4) = −(8, 15, 15, 11):
        // the unconstrained minimiser (1, 2, 3, 4) is feasible for x ≥ 0, so every variable is free.
        var x = BoxQp.Solve(new double[,] { { 4, 2, 0, 0 }, { 2, 5, 1, 0 }, { 0, 1, 3, 1 }, { 0, 0, 1, 2 } }, [-8, -15, -15, -11], [0, 0, 0, 0]);

        x.Should().Equal([1, 2, 3, 4], (a, e) => Math.Abs(a - e) < 1e-12);
    }

    [Fact]
    public void SolveNonNegative_IndefiniteOnTheFreeSet_IsRefusedWithTheVariable()
    {
        // Q = [[1, −1.5], [−1.5, 1]] (eigenvalues 2.5 and −0.5), c = (−1, −1): y₁ enters (y = (1, 0)), then the gradient
        // of y₂ is −1.5 − 1 < 0, so y₂ enters and the 2×2 block has the pivot 1 − 1.5² = −1.25 at variable 1.
        var act = () => BoxQp.SolveNonNegative(new double[,] { { 1, -1.5 }, { -1.5, 1 } }, [-1, -1]);

        act.Should().Throw<ArgumentException>().WithMessage("*not positive definite*-1.25*variable 1*");
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(3, 2)]
    [InlineData(5, 3)]
    [InlineData(5, 4)]
    [InlineData(12, 5)]
    public void Solve_RandomProblem_SatisfiesKkt(int n, int seed)
    {
        var random = new Random(seed);
        var q = GramianTestData.Gramian(GramianTestData.RandomJacobian(seed, n, n + 2));
        var linear = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var lower = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();

        var x = BoxQp.Solve(q, linear, lower);

        var gradient = GramianMath.Multiply(q, x).Select((v, i) => v + linear[i]).ToArray();
        for (int i = 0; i < n; i++)
        {
            x[i].Should().BeGreaterThanOrEqualTo(lower[i]);
            if (x[i] > lower[i])
            {
                gradient[i].Should().BeApproximately(0, 1e-9, "a free variable has zero gradient");
            }
            else
            {
                gradient[i].Should().BeGreaterThanOrEqualTo(-1e-9, "an active bound has a non-negative multiplier");
            }
        }
    }

    [Fact]
    public void Solve_RandomProblem_NoFeasiblePerturbationIsBetter()
    {
        const int n = 5;
        var random = new Random(7);
        var q = GramianTestData.Gramian(GramianTestData.RandomJacobian(7, n, 8));
        var linear = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var lower = new double[n];
        double Objective(double[] v) => (0.5 * GramianMath.Bilinear(v, q, v)) + GramianMath.Dot(linear, v);

        var x = BoxQp.Solve(q, linear, lower);
        double best = Objective(x);

        for (int trial = 0; trial < 2000; trial++)
        {
            var y = x.Select(v => Math.Max(0, v + (random.NextDouble() - 0.5) * 0.2)).ToArray();
            Objective(y).Should().BeGreaterThanOrEqualTo(best - 1e-12);
        }
    }
}
