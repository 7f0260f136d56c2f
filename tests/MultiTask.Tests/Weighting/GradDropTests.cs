using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Weighting;
using static TorchSharp.torch;

namespace MultiTask.Tests.Weighting;

/// <summary>
/// GradDrop on a batch of 2 samples with 3 features, computed by hand from qₜ = Σ_batch ∇_z Lₜ ⊙ sign(z),
/// P = ½(1 + Σqₜ/Σ|qₜ|) and Mₜ = [P &gt; U][qₜ &gt; 0] + [P &lt; U][qₜ &lt; 0].
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class GradDropTests
{
    // z = [[1, 1, 1], [1, −1, −1]], flattened sample by sample; sign(z) is the same.
    private static readonly double[] Z = [1, 1, 1, 1, -1, -1];

    // Task 1: samples [1, 2, −1] and [1, −1, 1]; task 2: samples [2, −2, 0] and [2, −1, 2].
    // q₁ = [1 + 1, 2 + 1, −1 − 1] = [2, 3, −2]; q₂ = [2 + 2, −2 + 1, 0 − 2] = [4, −1, −2].
    // Feature 0: both positive, P = 1 → both kept. Feature 2: both negative, P = 0 → both kept.
    // Feature 1: q = [3, −1], P = ½(1 + 2/4) = ¾ → task 1 kept when U < ¾, task 2 otherwise.
    private static readonly double[,] Gradients = { { 1, 2, -1, 1, -1, 1 }, { 2, -2, 0, 2, -1, 2 } };

    [Fact]
    public void ConflictingFeature_KeepsOneSignWithProbabilityP_AgreeingFeaturesKeepBoth()
    {
        var gradDrop = Weightings.GradDrop();
        using var scope = NewDisposeScope();
        int firstKept = 0;
        const int Draws = 400;
        for (int seed = 0; seed < Draws; seed++)
        {
            var combination = gradDrop.Combine(GradientContexts.Of(Gradients, [1, 1], new Random(seed), Z, [2, 3]));
            var d = GradientContexts.Values(combination.Direction!);

            // Features 0 and 2 sum both tasks: sample 1 → [3, ·, −1], sample 2 → [3, ·, 3].
            // Feature 1 has task 1's [2, −1] (sample 1, sample 2) or task 2's [−2, −1]: the mask is shared by the batch.
            bool first = d[1] > 0;
            GradientContexts.ShouldBeClose(combination.Direction!, 1e-6, 3, first ? 2 : -2, -1, 3, -1, 3);

            // The reported weight is the mean mask: 1 on two features, 1 or 0 on the third.
            combination.Weights.Should().Equal(first ? new[] { 1.0, 2.0 / 3 } : new[] { 2.0 / 3, 1.0 }, (a, e) => Math.Abs(a - e) < 1e-12);
            firstKept += first ? 1 : 0;
        }

        ((double)firstKept / Draws).Should().BeApproximately(0.75, 0.08, "task 1's positive sign wins with probability P = ¾");
    }

    [Fact]
    public void Leak_KeepsThatShareOfTheDroppedGradient()
    {
        var gradDrop = Weightings.GradDrop(leak: 0.5);
        using var scope = NewDisposeScope();
        for (int seed = 0; seed < 20; seed++)
        {
            var combination = gradDrop.Combine(GradientContexts.Of(Gradients, [1, 1], new Random(seed), Z, [2, 3]));

            // Feature 1, sample 1: 2 + ½(−2) = 1 or ½·2 − 2 = −1; sample 2: −1 + ½(−1) = −1.5 either way.
            bool first = GradientContexts.Values(combination.Direction!)[1] > 0;
            GradientContexts.ShouldBeClose(combination.Direction!, 1e-6, 3, first ? 1 : -1, -1, 3, -1.5, 3);
            combination.Weights.Should().Equal(first ? new[] { 1.0, 2.5 / 3 } : new[] { 2.5 / 3, 1.0 }, (a, e) => Math.Abs(a - e) < 1e-12);
        }
    }

    [Fact]
    public void SameRandomSeed_SameMask()
    {
        var gradDrop = Weightings.GradDrop();
        using var scope = NewDisposeScope();
        var directions = Enumerable.Range(0, 2)
            .Select(_ => Enumerable.Range(0, 30).Select(seed => GradientContexts.Values(gradDrop.Combine(GradientContexts.Of(Gradients, [1, 1], new Random(seed), Z, [2, 3])).Direction!)[1]).ToArray())
            .ToArray();

        directions[0].Should().Equal(directions[1]);
        directions[0].Should().Contain(2).And.Contain(-2, "both outcomes occur over 30 seeds");
    }

    [Fact]
    public void Leak_OutsideZeroToOne_IsRejectedByName()
    {
        new Action(() => _ = new GradDrop { Leak = -0.1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Leak");
        new Action(() => _ = new GradDrop { Leak = 1.1 }).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Leak");
        new GradDrop().Leak.Should().Be(0.0);
    }

    [Fact]
    public void SharedParameterGradients_AreRejected()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Binary("a"), TaskSpec.Binary("b")], Trunks.Mlp(2, [4]));
        var act = () => new MultiTaskTrainer(model, new TrainerOptions(), Weightings.GradDrop());
        act.Should().Throw<ArgumentException>().WithMessage("*GradDrop works on gradients at the shared representation*");
    }
}
