using System.Text.Json.Nodes;
using MultiTask.Weighting;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Tests.Weighting;

/// <summary>Hand-made contexts for gradient-based methods: a small Jacobian, its Gramian (by plain loops) and losses.</summary>
internal static class GradientContexts
{
    /// <summary>A context with J = <paramref name="jacobian"/> (in the caller's dispose scope).</summary>
    internal static GradientWeightingContext Of(double[,] jacobian, double[] losses, Random? random = null, double[]? representation = null, long[]? representationShape = null, WeightingState? state = null)
    {
        int tasks = jacobian.GetLength(0), width = jacobian.GetLength(1);
        var flat = new float[tasks * width];
        var gramian = new double[tasks, tasks];
        for (int t = 0; t < tasks; t++)
        {
            for (int p = 0; p < width; p++)
            {
                flat[(t * width) + p] = (float)jacobian[t, p];
            }

            for (int u = 0; u < tasks; u++)
            {
                for (int p = 0; p < width; p++)
                {
                    gramian[t, u] += jacobian[t, p] * jacobian[u, p];
                }
            }
        }

        return new GradientWeightingContext
        {
            Gramian = gramian,
            Losses = losses,
            Epoch = 1,
            Step = 0,
            Random = random ?? new Random(0),
            Jacobian = torch.tensor(flat, [tasks, width]),
            Representation = representation is null ? null : torch.tensor(representation.Select(v => (float)v).ToArray()),
            RepresentationShape = representationShape,
            State = state ?? GramianTestData.FreshState(tasks),
        };
    }

    /// <summary>A direction tensor as doubles.</summary>
    internal static double[] Values(Tensor direction)
    {
        using var scope = NewDisposeScope();
        return direction.to(ScalarType.Float64).data<double>().ToArray();
    }

    /// <summary>Asserts that a direction has the expected entries, each within <paramref name="tolerance"/>.</summary>
    internal static void ShouldBeClose(Tensor direction, double tolerance, params double[] expected)
    {
        var actual = Values(direction);
        actual.Should().HaveCount(expected.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            actual[i].Should().BeApproximately(expected[i], tolerance, "entry {0} of the direction", i);
        }
    }

    /// <summary>
    /// Saves <paramref name="trained"/> through its JSON text and loads it into a new state of <paramref name="method"/>
    /// (a method object of its own, as a resumed run would have).
    /// </summary>
    internal static WeightingState Reloaded(WeightingState trained, WeightingMethod method, int tasks)
    {
        var text = trained.ToJson().ToJsonString();
        var fresh = method.CreateState(LossWeightingTests.Setup(tasks));
        fresh.Load((JsonObject)JsonNode.Parse(text)!);
        return fresh;
    }
}
