using MultiTask.Internal;
using MultiTask.Tests.TestUtilities;
using MultiTask.Weighting;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Tests.Internal;

/// <summary>
/// The trainer's task Gramian on an ill-conditioned Jacobian: two integer-valued task gradients at cosine −0.99978, whose
/// exact Gramian and exact UPGrad/MGDA weights come from tests/reference/gramian_precision_reference.py (integer
/// arithmetic, then float64). A float32 Gramian moves the weights by 3e-7 (MGDA) and 1.3e-6 (UPGrad).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class SharedGradientsTests
{
    private const int Width = 4096;

    [Fact]
    public void HostCombination_AccumulatesInFloat64AndRoundsOnce()
    {
        using var scope = NewDisposeScope();
        // Three rows of 19 values (two vectors of 8 and a scalar tail of 3). Column 0 holds 2²⁴, 1 and −2²⁴ with unit
        // weights: in float32, 2²⁴ + 1 rounds to 2²⁴ and the sum is 0; accumulated in float64 it is exactly 1. The
        // other columns hold small integers k, 2k and −k with weights 0.5, −0.25 and 2: 0.5k − 0.5k − 2k = −2k.
        const int width = 19;
        var rows = new float[3 * width];
        rows[0] = 16777216f;
        rows[width] = 1f;
        rows[2 * width] = -16777216f;
        for (int k = 1; k < width; k++)
        {
            rows[k] = k;
            rows[width + k] = 2 * k;
            rows[(2 * width) + k] = -k;
        }

        var jacobian = torch.tensor(rows, [3, width]);
        var unit = torch.empty(width);
        var weighted = torch.empty(width);

        SharedGradients.HostCombination(jacobian, [1, 1, 1], unit).Should().BeTrue();
        SharedGradients.HostCombination(jacobian, [0.5, -0.25, 2], weighted).Should().BeTrue();

        unit.data<float>()[0].Should().Be(1f);
        var values = weighted.data<float>().ToArray();
        for (int k = 1; k < width; k++)
        {
            values[k].Should().Be(-2f * k);
        }
    }

    [Fact]
    public void HostCombination_OfAMatrixItCannotRead_WritesNothing()
    {
        using var scope = NewDisposeScope();
        var output = torch.full(4, 7f);

        SharedGradients.HostCombination(torch.ones(2, 4, dtype: ScalarType.Float64), [1, 1], output).Should().BeFalse();
        SharedGradients.HostCombination(torch.ones(4, 2).t(), [1, 1], output).Should().BeFalse();
        SharedGradients.HostCombination(torch.ones(2, 4), [1, 1, 1], output).Should().BeFalse();

        output.data<float>().ToArray().Should().Equal(7f, 7f, 7f, 7f);
    }

    [Fact]
    public void Gramian_OfNearlyOppositeGradients_IsExact()
    {
        using var scope = NewDisposeScope();
        var (first, second) = Rows();

        var g = SharedGradients.Gramian(Jacobian(first, second));

        // Integer entries: the exact dot products fit in a long, and every partial sum is exact in float64.
        g[0, 0].Should().Be(Dot(first, first)).And.Be(342274865);
        g[0, 1].Should().Be(Dot(first, second)).And.Be(-342236923);
        g[1, 0].Should().Be(g[0, 1]);
        g[1, 1].Should().Be(Dot(second, second)).And.Be(342349231);
    }

    [Fact]
    public void GramianTensor_WithAReusedScratch_IsExactAndLeavesNoTensor()
    {
        var (first, second) = Rows();
        using var scratch = SharedGradients.GramianScratch(2, torch.CPU);
        using var j = Jacobian(first, second);
        var before = Leak.LiveTensors;

        double[] g;
        using (NewDisposeScope())
        {
            g = SharedGradients.GramianTensor(j, scratch).data<double>().ToArray();
        }

        Leak.LiveTensors.Should().Be(before);
        g.Should().Equal(342274865, -342236923, -342236923, 342349231);
    }

    [Fact]
    public void Gramian_SpanningSeveralChunks_SumsEveryColumn()
    {
        using var scope = NewDisposeScope();
        long width = (2 * SharedGradients.GramianChunk) + 3;
        var j = torch.ones(2, width);
        j[1].fill_(-2);

        var g = SharedGradients.Gramian(j);

        g[0, 0].Should().Be(width);
        g[0, 1].Should().Be(-2 * width);
        g[1, 1].Should().Be(4 * width);
    }

    [Fact]
    public void HostGramian_OfNearlyOppositeGradients_IsExact()
    {
        using var scope = NewDisposeScope();
        var (first, second) = Rows();

        var g = SharedGradients.HostGramian(Jacobian(first, second))!;

        // Integer entries whose partial sums stay below 2^53: exact in float64 in any summation order.
        g[0, 0].Should().Be(Dot(first, first)).And.Be(342274865);
        g[0, 1].Should().Be(Dot(first, second)).And.Be(-342236923);
        g[1, 0].Should().Be(g[0, 1]);
        g[1, 1].Should().Be(Dot(second, second)).And.Be(342349231);
    }

    [Fact]
    public void HostGramian_OfThreeRowsWithPartialTilesAndVectors_SumsEveryColumn()
    {
        using var scope = NewDisposeScope();
        // 1029 = 2 full tiles of 512 + 5 columns, and 5 is shorter than any vector: every tail path runs.
        const int width = 1029;
        var k = torch.arange(width, dtype: ScalarType.Float32);
        var j = torch.stack([torch.ones(width), k, k.remainder(3).sub(1)]);
        double n = width, sumK = n * (n - 1) / 2, sumK2 = (n - 1) * n * ((2 * n) - 1) / 6;
        // Column k of the third row is (k mod 3) − 1: −1, 0, 1 repeating over 343 groups (3m, 3m+1, 3m+2), so it sums to 0,
        // its square to 2·343 = 686, and its products with k to Σₘ (−3m + 0 + 3m + 2) = 2·343 = 686.

        var g = SharedGradients.HostGramian(j)!;

        g[0, 0].Should().Be(n);
        g[0, 1].Should().Be(sumK);
        g[0, 2].Should().Be(0);
        g[1, 1].Should().Be(sumK2);
        g[1, 2].Should().Be(686);
        g[2, 2].Should().Be(686);
        g[2, 1].Should().Be(g[1, 2]);
        g[2, 0].Should().Be(g[0, 2]);
    }

    [Fact]
    public void HostGramian_OfANonContiguousOrFloat64Matrix_IsLeftToTheTensorPath()
    {
        using var scope = NewDisposeScope();
        var j = torch.ones(8, 2);

        SharedGradients.HostGramian(j.t()).Should().BeNull();
        SharedGradients.HostGramian(torch.ones(2, 8, dtype: ScalarType.Float64)).Should().BeNull();
    }

    [Fact]
    public void UpGradAndMgda_OnTheIllConditionedGramian_MatchTheExactWeights()
    {
        using var scope = NewDisposeScope();
        var (first, second) = Rows();
        var context = new GradientWeightingContext
        {
            Gramian = SharedGradients.Gramian(Jacobian(first, second)),
            Losses = [1, 1],
            Epoch = 1,
            Step = 0,
            Random = new Random(0),
        };

        var upgrad = new UpGrad().Combine(context).Weights;
        var mgda = new Mgda().Combine(context).Weights;

        upgrad[0].Should().BeApproximately(0.9998445940068335, 1e-8);
        upgrad[1].Should().BeApproximately(0.9997360381588346, 1e-8);
        mgda[0].Should().BeApproximately(0.50002715875823, 1e-8);
        mgda[1].Should().BeApproximately(0.49997284124177, 1e-8);
    }

    [Fact]
    public void WriteCombination_AcrossParameters_SetsEachGradientToItsSliceOfTheWeightedSum()
    {
        using var scope = NewDisposeScope();
        long big = (2 << 16) + 5;
        using var small = new TorchSharp.Modules.Parameter(torch.zeros(3));
        using var large = new TorchSharp.Modules.Parameter(torch.zeros(big));
        small.grad = torch.full(3, 9f); // an existing gradient is overwritten in place
        long width = 3 + big;
        var k = torch.arange(width, dtype: ScalarType.Int64);
        var jacobian = torch.stack([torch.ones(width), k.remainder(7).to(ScalarType.Float32)]);

        SharedGradients.WriteCombination([small, large], jacobian, [2, -0.5]);

        // Gradient entry k (counted across both parameters) is 2·1 − 0.5·(k mod 7), exact in float32.
        var all = torch.cat([small.grad!, large.grad!]).data<float>().ToArray();
        all.Should().HaveCount((int)width);
        for (int i = 0; i < all.Length; i++)
        {
            all[i].Should().Be(2f - (0.5f * (i % 7)));
        }
    }

    /// <summary>g₁ ∈ [−500, 500] and g₂ = −g₁ + e with e ∈ [−10, 10], as in the reference script.</summary>
    private static (int[] First, int[] Second) Rows()
    {
        var first = new int[Width];
        var second = new int[Width];
        for (int k = 0; k < Width; k++)
        {
            first[k] = (int)((k * 7919L) % 1001) - 500;
            second[k] = -first[k] + (int)((k * 104729L) % 21) - 10;
        }

        return (first, second);
    }

    private static Tensor Jacobian(int[] first, int[] second)
        => torch.tensor(first.Concat(second).Select(v => (float)v).ToArray(), [2, Width]);

    private static long Dot(int[] a, int[] b)
    {
        long sum = 0;
        for (int k = 0; k < a.Length; k++)
        {
            sum += (long)a[k] * b[k];
        }

        return sum;
    }
}
