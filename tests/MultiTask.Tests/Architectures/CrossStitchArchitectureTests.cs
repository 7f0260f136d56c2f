using MultiTask.Architectures;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using TorchSharp;
using static MultiTask.Tests.Architectures.HandWeights;

namespace MultiTask.Tests.Architectures;

[Collection(TorchCollection.Name)]
public sealed class CrossStitchArchitectureTests
{
    private static readonly TaskSpec[] Tasks = [TaskSpec.Regression("a"), TaskSpec.Regression("b")];

    [Fact]
    public void Units_StartAtTheSelfWeightAndShareTheRestEqually()
    {
        using var two = MultiTaskModel.Create(Tasks, new CrossStitchArchitecture { Tower = Trunks.Mlp(2, [3, 3]) }, seed: 1);
        using var three = MultiTaskModel.Create([.. Tasks, TaskSpec.Regression("c")], new CrossStitchArchitecture { Tower = Trunks.Mlp(2, [3]), SelfWeight = 0.8 }, seed: 1);

        Stitches(two).Should().Equal([0.9f, 0.1f, 0.1f, 0.9f, 0.9f, 0.1f, 0.1f, 0.9f], (x, y) => Math.Abs(x - y) < 1e-7);
        Stitches(three).Should().Equal([0.8f, 0.1f, 0.1f, 0.1f, 0.8f, 0.1f, 0.1f, 0.1f, 0.8f], (x, y) => Math.Abs(x - y) < 1e-7);
    }

    [Theory]
    [InlineData(0.9f, 0.1f, 0.2f, 0.8f, 2.1, 2.8)] // a: 0.9·2 + 0.1·3, b: 0.2·2 + 0.8·3
    [InlineData(1f, 0f, 0f, 1f, 2.0, 3.0)] // identity units: the independent towers
    public void Predict_MixesTheTowersLinearly(float aa, float ab, float ba, float bb, double expectedA, double expectedB)
    {
        using var model = MultiTaskModel.Create(Tasks, new CrossStitchArchitecture { Tower = Trunks.Mlp(1, [1]) }, seed: 2);
        Set(model, "towers.a.0.linear0.weight", 1);
        Set(model, "towers.a.0.linear0.bias", 0);
        Set(model, "towers.b.0.linear0.weight", -1);
        Set(model, "towers.b.0.linear0.bias", 5);
        Set(model, "stitches", aa, ab, ba, bb);
        foreach (var task in new[] { "a", "b" })
        {
            Set(model, $"heads.{task}.out.weight", 1);
            Set(model, $"heads.{task}.out.bias", 0);
        }

        // x = 2: tower a relu(2) = 2, tower b relu(−2 + 5) = 3.
        var predictions = model.Predict(new float[,] { { 2 } });

        predictions.Regression("a").Values[0].Should().BeApproximately((float)expectedA, 1e-6f);
        predictions.Regression("b").Values[0].Should().BeApproximately((float)expectedB, 1e-6f);
    }

    private static float[] Stitches(MultiTaskModel model)
    {
        using var scope = torch.NewDisposeScope();
        return model.Network.named_parameters().Single(p => p.name == "stitches").parameter.detach().data<float>().ToArray();
    }
}
