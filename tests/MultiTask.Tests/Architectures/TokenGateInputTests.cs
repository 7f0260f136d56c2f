using MultiTask.Architectures;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using TorchSharp;
using static MultiTask.Tests.Architectures.HandWeights;

namespace MultiTask.Tests.Architectures;

/// <summary>The gate input of the mixture-of-experts architectures on token input: a mean of embedding rows, padding excluded.</summary>
[Collection(TorchCollection.Name)]
public sealed class TokenGateInputTests
{
    private static readonly TaskSpec[] Tasks = [TaskSpec.Regression("a"), TaskSpec.Regression("b")];

    /// <summary>Embedding rows of a 5-token vocabulary of width 2; row 0 (the padding id) is set to 100 to show that it is left out.</summary>
    private static readonly float[][] Rows = [[100, 100], [1, 2], [3, -1], [0.5f, 0.5f], [-2, 4]];

    [Fact]
    public void GateInput_IsTheMeanOfTheNonPaddingEmbeddingRows_AndTheGatesAreItsSoftmax()
    {
        using var model = MultiTaskModel.Create(Tasks, new MmoeArchitecture { Expert = Trunks.Text(5, embeddingSize: 3, hiddenSize: 2), ExpertCount = 2, GateEmbeddingSize = 2 }, seed: 1);
        Set(model, "gate_input.embedding.weight", [.. Rows.SelectMany(r => r)]);
        Set(model, "gates.b.weight", 1, 0, 0, 1); // logits (u₁, u₂) of the gate input u
        using var scope = torch.NewDisposeScope();
        var tokens = torch.tensor(new long[] { 1, 2, 0, 0, 3, 3, 4, 0, 0, 0, 0, 0 }, [3, 4]);
        var network = (MmoeNetwork)model.Network;

        var input = network.GateInput(tokens).data<float>().ToArray();
        var gates = network.GateWeights(tokens, 1).data<float>().ToArray();

        // Row 0: (E₁ + E₂)/2 = (2, 0.5). Row 1: (2E₃ + E₄)/3 = (−1, 5)/3. Row 2 is all padding: 0, so its gates are uniform.
        double[][] expected = [[2, 0.5], [-1.0 / 3, 5.0 / 3], [0, 0]];
        input.Should().Equal(expected.SelectMany(r => r.Select(v => (float)v)), (x, y) => Math.Abs(x - y) < 1e-6f);
        for (int row = 0; row < 3; row++)
        {
            gates[2 * row].Should().BeApproximately((float)Softmax(expected[row], 0), 1e-6f);
            gates[(2 * row) + 1].Should().BeApproximately((float)Softmax(expected[row], 1), 1e-6f);
        }
    }

    [Fact]
    public void GateWeights_OnTokenInput_SumToOnePerRow_ForEveryGatedArchitecture()
    {
        var text = Trunks.Text(12, embeddingSize: 4, hiddenSize: 3);
        using var scope = torch.NewDisposeScope();
        var random = new Random(5);
        var ids = Enumerable.Range(0, 30).Select(i => i % 5 >= (i / 5) + 1 ? 0L : random.Next(1, 12)).ToArray(); // row r has r + 1 tokens, then padding
        var tokens = torch.tensor(ids, [6, 5]);

        using var mmoe = MultiTaskModel.Create(Tasks, new MmoeArchitecture { Expert = text, ExpertCount = 5 }, seed: 2);
        using var ple = MultiTaskModel.Create(Tasks, new PleArchitecture { Experts = [text, Trunks.Mlp(3, [2])], SharedExpertCount = 2 }, seed: 3);
        using var dselect = MultiTaskModel.Create(Tasks, new DSelectKArchitecture { Expert = text, ExpertCount = 4 }, seed: 4);

        // With E = 4 (a power of two) DSelect-k's weights sum to 1 as well (Hazimeh et al., §3).
        var sums = new List<torch.Tensor>
        {
            ((MmoeNetwork)mmoe.Network).GateWeights(tokens, 0),
            ((DSelectKNetwork)dselect.Network).GateWeights(tokens, 1),
        };
        sums.AddRange(((PleNetwork)ple.Network).GateWeights(tokens).SelectMany(level => level));
        sums.Should().HaveCount(2 + 3 + 2, "PLE has task gates and a shared gate at level 0, and task gates at level 1");
        foreach (var weights in sums)
        {
            weights.shape[0].Should().Be(6);
            weights.sum(1).data<float>().ToArray().Should().AllSatisfy(s => s.Should().BeApproximately(1f, 1e-6f));
        }
    }
}
