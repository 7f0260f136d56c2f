using MultiTask.Weighting;
using static MultiTask.Tests.Weighting.GramianTestData;

namespace MultiTask.Tests.Weighting;

/// <summary>The properties of torchjd's tests/unit/aggregation/_asserts.py, on random Jacobians (P = 10).</summary>
public sealed class GradientWeightingPropertyTests
{
    public static TheoryData<string, int, int> NonConflictingCases()
    {
        var data = new TheoryData<string, int, int>();
        foreach (string method in new[] { "UPGrad", "DualProj", "MGDA" })
        {
            foreach (var (tasks, seed) in new[] { (3, 501), (4, 502), (5, 503), (5, 504) })
            {
                data.Add(method, tasks, seed);
            }
        }

        return data;
    }

    public static TheoryData<string> DeterministicMethods() =>
        ["MGDA", "MGDA-l2", "IMTL-G", "CAGrad", "Nash-MTL", "FairGrad", "Aligned-MTL", "Aligned-MTL-mean", "UPGrad", "DualProj", "ConFIG"];

    public static TheoryData<string> LinearUnderScalingMethods() =>
        ["MGDA", "IMTL-G", "CAGrad", "Nash-MTL-unclipped", "Aligned-MTL", "UPGrad", "DualProj", "ConFIG", "PCGrad"];

    [Theory]
    [MemberData(nameof(NonConflictingCases))]
    public void Combine_ConflictingRandomJacobian_DirectionConflictsWithNoTask(string method, int tasks, int seed)
    {
        // Flipping rows makes conflicts likely; the regularisation of UPGrad/DualProj is turned down so that the
        // exact property (Jd)ₜ ≥ 0 holds to 1e-9 (with regEps the bound is −regEps·trace(G)·wₜ).
        var j = ConflictingJacobian(seed, tasks);
        var w = Weights(Create(method, regEps: 1e-12), j);

        TaskProducts(j, Direction(j, w)).Should().AllSatisfy(x => x.Should().BeGreaterThanOrEqualTo(-1e-9));
    }

    [Theory]
    [InlineData("UPGrad")]
    [InlineData("DualProj")]
    public void Combine_DefaultRegularisation_ConflictIsBoundedByRidge(string method)
    {
        // KKT of min vᵀ(G/tr + εI)v, v ≥ u: (G/tr)v + εv ≥ 0, so (Gw)ₜ ≥ −ε·tr(G)·wₜ for the summed weights.
        var j = ConflictingJacobian(505, 5);
        var w = Weights(Create(method), j);
        double trace = Enumerable.Range(0, 5).Sum(t => Gramian(j)[t, t]);

        var products = TaskProducts(j, Direction(j, w));
        for (int t = 0; t < 5; t++)
        {
            products[t].Should().BeGreaterThanOrEqualTo((-1e-4 * trace * Math.Abs(w[t])) - 1e-12);
        }
    }

    [Theory]
    [MemberData(nameof(DeterministicMethods))]
    public void Combine_PermutedTasks_PermutesWeights(string method)
    {
        var j = ConflictingJacobian(601, 4);
        int[] permutation = [2, 0, 3, 1];

        var w = Weights(Create(method), j);
        var permuted = Weights(Create(method), PermuteRows(j, permutation));

        permuted.ShouldApproximate(permutation.Select(t => w[t]).ToArray(), 1e-8);
    }

    [Theory]
    [MemberData(nameof(LinearUnderScalingMethods))]
    public void Combine_ScaledJacobian_ScalesDirectionLinearly(string method)
    {
        // d(sJ) = s·d(J) ⇔ the weights do not change when G becomes s²G (Nash-MTL normalises G, so without clipping it
        // is linear too; with clipping d is bounded instead).
        var j = ConflictingJacobian(701, 4);

        var w = Weights(Create(method), j);
        var scaledUp = Weights(Create(method), Scale(j, 3));
        var scaledDown = Weights(Create(method), Scale(j, 0.2));

        scaledUp.ShouldApproximate(w, 1e-8);
        scaledDown.ShouldApproximate(w, 1e-8);
    }

    [Theory]
    [InlineData("FairGrad")]
    [InlineData("MGDA-l2")]
    public void Combine_ScaledJacobian_LeavesDirectionUnchanged(string method)
    {
        // FairGrad with α = 1 (G → s²G maps w → w/s) and MGDA on unit gradients are 0-homogeneous in J.
        var j = ConflictingJacobian(702, 3);

        var d = Direction(j, Weights(Create(method), j));
        var scaled = Scale(j, 3);
        var dScaled = Direction(scaled, Weights(Create(method), scaled));

        dScaled.ShouldApproximate(d, 1e-6);
    }

    [Theory]
    [MemberData(nameof(DeterministicMethods))]
    public void Combine_ZeroGramian_GivesFiniteWeights(string method)
    {
        var w = Create(method).Combine(Context(new double[3, 3])).Weights;

        w.Should().HaveCount(3).And.AllSatisfy(x => double.IsFinite(x).Should().BeTrue());
    }

    /// <summary>A random Jacobian whose even rows are pushed against their neighbours, so that some pairs conflict.</summary>
    private static double[,] ConflictingJacobian(int seed, int tasks)
    {
        var j = RandomJacobian(seed, tasks);
        var result = (double[,])j.Clone();
        for (int t = 0; t < tasks; t += 2)
        {
            for (int k = 0; k < j.GetLength(1); k++)
            {
                result[t, k] = j[t, k] - (1.5 * j[(t + 1) % tasks, k]);
            }
        }

        return result;
    }

    private static GradientWeighting Create(string method, double regEps = 1e-4) => method switch
    {
        "MGDA" => new Mgda(),
        "MGDA-l2" => new Mgda { Normalization = MgdaNormalization.L2 },
        "IMTL-G" => new ImtlG(),
        "CAGrad" => new CAGrad(),
        "Nash-MTL" => new NashMtl(),
        "Nash-MTL-unclipped" => new NashMtl { MaxNorm = 0 },
        "FairGrad" => new FairGrad(),
        "Aligned-MTL" => new AlignedMtl(),
        "Aligned-MTL-mean" => new AlignedMtl { Scale = AlignedMtlScale.Median, Preference = AlignedMtlPreference.Mean },
        "UPGrad" => new UpGrad { RegEps = regEps },
        "DualProj" => new DualProj { RegEps = regEps },
        "ConFIG" => new ConFig(),
        "PCGrad" => new PCGrad(),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method."),
    };
}
