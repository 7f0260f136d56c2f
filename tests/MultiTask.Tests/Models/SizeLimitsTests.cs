using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tests.Models;

/// <summary>Absurd sizes are refused by name before any native call (limits: widths 2²⁴, 2³¹ weights per layer, 64 recurrent layers, sequences 2²⁴).</summary>
[Collection(TorchCollection.Name)]
public sealed class SizeLimitsTests
{
    public static TheoryData<string, Func<object>, string> AbsurdSizes => new()
    {
        { "hiddenSizes", () => Trunks.Mlp(4, [2_000_000_000]), "hiddenSizes[0] is 2,000,000,000, above the limit of 16,777,216.*" },
        { "inputSize", () => Trunks.Mlp(20_000_000, [4]), "inputSize is 20,000,000, above the limit of 16,777,216.*" },
        { "hiddenSizes", () => Heads.Mlp([3, 1 << 25]), "hiddenSizes[1] is 33,554,432, above the limit of 16,777,216.*" },
        { "hiddenSizes", () => Trunks.Mlp(4, Enumerable.Repeat(2, 1025).ToArray()), "The number of hiddenSizes is 1,025, above the limit of 1,024.*" },
        { "layers", () => Trunks.Text(100, layers: 10_000), "layers is 10,000, above the limit of 64.*" },
        { "vocabularySize", () => Trunks.Text(int.MaxValue), "vocabularySize is 2,147,483,647, above the limit of 16,777,216.*" },
        { "embeddingSize", () => Trunks.Text(100, embeddingSize: 1 << 30), "embeddingSize is 1,073,741,824, above the limit of 16,777,216.*" },
        { "hiddenSize", () => Trunks.Text(100, hiddenSize: 1 << 30), "hiddenSize is 1,073,741,824, above the limit of 16,777,216.*" },
    };

    [Theory]
    [MemberData(nameof(AbsurdSizes))]
    public void Factories_RejectAbsurdSizes_NamingTheParameter(string parameter, Func<object> create, string message)
    {
        create.Should().Throw<ArgumentOutOfRangeException>().WithMessage(message).Which.ParamName.Should().Be(parameter);
    }

    [Fact]
    public void Create_LayerWithTooManyWeights_NamesTheLayerBeforeAllocating()
    {
        // 16,777,216 × 16,777,216 = 2⁴⁸ weights in the trunk's second layer; the limit is 2³¹ per layer.
        var act = () => MultiTaskModel.Create([TaskSpec.Regression("y")], Trunks.Mlp(4, [1 << 24, 1 << 24]));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The trunk layer 1 would have 16,777,216 × 16,777,216 = 281,474,976,710,656 weights, above the limit of 2,147,483,648 per layer.*");
    }

    [Fact]
    public void Create_HeadWithTooManyClassWeights_NamesTheTask()
    {
        // Representation 1,000 × 10,000,000 classes = 10¹⁰ weights in the head's output layer.
        var act = () => MultiTaskModel.Create([TaskSpec.Multiclass("species", 10_000_000)], Trunks.Mlp(4, [1000]));

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The head of task 'species' output layer would have 1,000 × 10,000,000 = 10,000,000,000 weights*");
    }

    [Fact]
    public void FromTokens_MaxLengthOf1Point5e9_IsRefusedByName()
    {
        var act = () => MultiTaskDataset.FromTokens([[1, 2]], [TaskSpec.Binary("b")], [new[] { 1 }], maxLength: 1_500_000_000);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("maxLength is 1,500,000,000, above the limit of 16,777,216.*").Which.ParamName.Should().Be("maxLength");
    }

    [Fact]
    public void PredictTokens_TooManyTokenCells_IsRefusedByName()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Binary("b")], Trunks.Text(10, embeddingSize: 2, hiddenSize: 2), seed: 1);
        var rows = Enumerable.Range(0, 200).Select(_ => new[] { 1 }).ToArray();

        // 200 rows × 16,000,000 = 3.2e9 cells, above 2³¹ = 2,147,483,648.
        var act = () => model.Predict(rows, maxLength: 16_000_000);

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("The token tensor (200 sequences × length 16000000) is 3,200,000,000, above the limit of 2,147,483,648.*");
    }
}
