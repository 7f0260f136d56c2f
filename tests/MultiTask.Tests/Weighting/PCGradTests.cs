using MultiTask.Weighting;
using MultiTask.Weighting.Solvers;
using static MultiTask.Tests.Weighting.GramianTestData;

namespace MultiTask.Tests.Weighting;

public sealed class PCGradTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Combine_ReferenceJacobian_MatchesTorchjdAndLibMtl(int seed)
    {
        // c₁ = e₁ + (22/38)e₂, c₂ = e₂ + (22/18)e₁: weights (1 + 22/18, 1 + 22/38) in any order.
        var w = Weights(new PCGrad(), ReferenceJacobian, seed: seed);

        w.ShouldApproximate([1 + (22.0 / 18), 1 + (22.0 / 38)], 1e-12);
        w.ShouldApproximate([2.2222, 1.5789], 1e-4);
        Direction(ReferenceJacobian, w).ShouldApproximate([0.5848, 3.8012, 3.8012], 1e-4);
    }

    [Theory]
    [InlineData(3, 201)]
    [InlineData(4, 202)]
    [InlineData(5, 203)]
    public void Combine_RandomJacobian_MatchesVectorPCGradWithSameOrders(int tasks, int seed)
    {
        var j = RandomJacobian(seed, tasks);
        // Conflicts are rare for independent gradients; flip half of the rows to create some.
        for (int t = 0; t < tasks; t += 2)
        {
            for (int k = 0; k < j.GetLength(1); k++)
            {
                j[t, k] = -j[t, k] + (0.5 * j[(t + 1) % tasks, k]);
            }
        }

        var w = Weights(new PCGrad(), j, seed: seed);

        Direction(j, w).ShouldApproximate(VectorPCGrad(j, new Random(seed)), 1e-10);
    }

    [Fact]
    public void Combine_ZeroGradient_IsNeverProjectedAgainst()
    {
        // g₂ = 0: no dot product is negative, so every task keeps its own gradient.
        var w = new PCGrad().Combine(Context(new double[,] { { 4, 0 }, { 0, 0 } })).Weights;

        w.Should().Equal(1.0, 1.0);
    }

    /// <summary>PCGrad on explicit vectors (Yu et al. 2020, Algorithm 1), with the same draws of the visiting order.</summary>
    private static double[] VectorPCGrad(double[,] j, Random random)
    {
        int tasks = j.GetLength(0);
        int p = j.GetLength(1);
        double[] Row(int t) => Enumerable.Range(0, p).Select(k => j[t, k]).ToArray();
        var sum = new double[p];
        for (int i = 0; i < tasks; i++)
        {
            var pc = Row(i);
            foreach (int other in TaskOrder.ShuffledOthers(tasks, i, random))
            {
                var gj = Row(other);
                double dot = GramianMath.Dot(pc, gj);
                if (dot < 0)
                {
                    double scale = dot / GramianMath.Dot(gj, gj);
                    for (int k = 0; k < p; k++)
                    {
                        pc[k] -= scale * gj[k];
                    }
                }
            }

            for (int k = 0; k < p; k++)
            {
                sum[k] += pc[k];
            }
        }

        return sum;
    }
}
