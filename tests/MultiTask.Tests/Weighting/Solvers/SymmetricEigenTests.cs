using MultiTask.Weighting.Solvers;

namespace MultiTask.Tests.Weighting.Solvers;

public sealed class SymmetricEigenTests
{
    [Fact]
    public void Decompose_ReferenceGramian_HasEigenvalues28PlusMinusSqrt584()
    {
        // trace 56, determinant 18·38 − 22² = 200: λ = 28 ± √584.
        var eigen = SymmetricEigen.Decompose(GramianTestData.ReferenceGramian);

        eigen.Rank.Should().Be(2);
        eigen.Values[0].Should().BeApproximately(28 + Math.Sqrt(584), 1e-10);
        eigen.Values[1].Should().BeApproximately(28 - Math.Sqrt(584), 1e-10);
    }

    [Fact]
    public void PseudoInverseTimes_RankOneGramian_DropsNullSpace()
    {
        // G = [[1, 1], [1, 1]] = 2·uuᵀ with u = (1, 1)/√2, so G⁺ = uuᵀ/2 = ¼·[[1, 1], [1, 1]].
        var eigen = SymmetricEigen.Decompose(new double[,] { { 1, 1 }, { 1, 1 } });

        var x = eigen.PseudoInverseTimes([1, 3]);

        eigen.Rank.Should().Be(1);
        x[0].Should().BeApproximately(1, 1e-12);
        x[1].Should().BeApproximately(1, 1e-12);
    }

    [Fact]
    public void PseudoInverseTimes_InvertibleGramian_IsInverse()
    {
        // G⁻¹ = [[38, 22], [22, 18]] / 200.
        var x = SymmetricEigen.Decompose(GramianTestData.ReferenceGramian).PseudoInverseTimes([1, 0]);

        x[0].Should().BeApproximately(0.19, 1e-12);
        x[1].Should().BeApproximately(0.11, 1e-12);
    }

    [Fact]
    public void Decompose_ZeroGramian_HasRankZero()
    {
        SymmetricEigen.Decompose(new double[3, 3]).Rank.Should().Be(0);
    }
}
