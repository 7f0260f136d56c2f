using MultiTask.Architectures;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tests.Architectures;

/// <summary>
/// <see cref="MultiTask.Architectures.ArchitectureSpec.MinimumWeightCount"/> counts the weight matrices (no biases) of
/// each architecture, which loading checks against the file's weight data before building.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class MinimumWeightCountTests
{
    // Hand counts for the fixtures (tasks: price → 1 output, segment → 3; experts Mlp(3 → 4) hold 3·4 = 12 weights;
    // a Linear tower from 4 holds 4·1 + 4·3 = 16 over the two tasks).
    [Theory]
    [InlineData("mmoe", 60)] // 2 experts · 12 + 2 gates · 3·2 + towers Mlp([2]): (4·2 + 2·1) + (4·2 + 2·3)
    [InlineData("cgc", 64)] // (1 shared + 2 tasks · 1) experts · 12 + 2 gates · 3·2 + towers 16
    [InlineData("ple", 137)] // level 0: 3 · 12 + 2 · 3·2 + shared gate 3·3; level 1: 3 · 16 + 2 · 4·2; towers 16
    [InlineData("dselect-k", 100)] // 4 experts · 12 + 2 tasks · (selector 3·(2 selectors · 2 bits) + mixer 3·2) + towers 16
    // A text expert Text(6 → 2 → LSTM 3) holds 6·2 + 4·3·2 + 4·3·3 = 72 weights; the gate embedding 6·2 = 12.
    [InlineData("text-mmoe", 176)] // 2 experts · 72 + gate embedding 12 + 2 gates · 2·2 + towers from 3: 3·1 + 3·3
    [InlineData("text-ple", 306)] // level 0: 3 · 72 + 12 + 2 · 2·2 + shared gate 2·3; level 1: 3 · 3·4 + 2 · 3·2; towers 16
    [InlineData("cross-stitch", 72)] // 2 tasks · (3·4 + 4·4) + heads 16
    [InlineData("soft-sharing", 40)] // 2 towers · 12 + heads 16
    public void CountsTheWeightMatrices_AndIsALowerBoundOfTheParameters(string type, long expected)
    {
        var architecture = ArchitectureFixtures.Get(type);
        using var model = MultiTaskModel.Create(ArchitectureFixtures.Tasks, architecture, seed: 1);

        long? count = architecture.MinimumWeightCount(ArchitectureFixtures.Tasks);

        count.Should().Be(expected);
        model.ParameterCount.Should().BeGreaterThanOrEqualTo(expected);
    }

    [Fact]
    public void Create_WithAGateAboveTheLayerLimit_IsRefusedBeforeBuildingAnyExpert()
    {
        var architecture = new MmoeArchitecture { Expert = Trunks.Mlp(3, [4]), ExpertCount = 1_000_000_000 };

        var act = () => MultiTaskModel.Create(ArchitectureFixtures.Tasks, architecture);

        // Each task's gate is a 3 × 10⁹ matrix: 3·10⁹ > 2³¹ = 2,147,483,648.
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The gate would have 3 × 1,000,000,000 = 3,000,000,000 weights, above the limit of 2,147,483,648 per layer.*");
    }
}
