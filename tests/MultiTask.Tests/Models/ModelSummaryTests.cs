using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using TorchSharp;

namespace MultiTask.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class ModelSummaryTests
{
    private static readonly TaskSpec[] Tasks = [TaskSpec.Regression("price"), TaskSpec.Binary("churn"), TaskSpec.Multiclass("segment", 4)];

    [Fact]
    public void Summary_MlpModel_ListsEveryLayerWithHandComputedShapesAndCounts()
    {
        using var model = MultiTaskModel.Create(Tasks, Trunks.Mlp(100, [256, 256], dropout: 0.1), Heads.Mlp([16]), seed: 1);

        var lines = model.Summary().Split(Environment.NewLine);

        // Linear(a → b) has a·b weights and b biases: 100·256 + 256 = 25,856; 256·256 + 256 = 65,792;
        // head: 256·16 + 16 = 4,112, then 16·1 + 1 = 17 (16·4 + 4 = 68 for the 4-class task).
        Row(lines, "trunk.linear0 (Linear)").Should().Equal("[batch, 256]", "25,856");
        Row(lines, "trunk.act0 (ReLU)").Should().Equal("[batch, 256]", "0");
        Row(lines, "trunk.dropout0 (Dropout)").Should().Equal("[batch, 256]", "0");
        Row(lines, "trunk.linear1 (Linear)").Should().Equal("[batch, 256]", "65,792");
        Row(lines, "heads.price.linear0 (Linear)").Should().Equal("[batch, 16]", "4,112");
        Row(lines, "heads.price.out (Linear)").Should().Equal("[batch, 1]", "17");
        Row(lines, "heads.segment.out (Linear)").Should().Equal("[batch, 4]", "68");
        lines.Should().ContainInOrder(
            "Shared trunk: Mlp(100 → 256 → 256, ReLU, dropout 0.1)",
            "Head of task 'price' (Regression): Mlp(in → 16 → out, ReLU)",
            "Head of task 'churn' (Binary): Mlp(in → 16 → out, ReLU)",
            "Head of task 'segment' (Multiclass, 4 classes): Mlp(in → 16 → out, ReLU)",
            "Shared parameters (trunk): 91,648",
            "Parameters of task 'price' (head): 4,129",
            "Parameters of task 'churn' (head): 4,129",
            "Parameters of task 'segment' (head): 4,180",
            "Total parameters: 104,086",
            "Trainable parameters: 104,086");
        model.ParameterCount.Should().Be(91_648 + 4_129 + 4_129 + 4_180);
    }

    [Fact]
    public void Summary_FrozenTrunk_CountsOnlyTheHeadsAsTrainable()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("y")], Trunks.Mlp(3, [5], normalization: Normalization.BatchNorm), seed: 2);
        foreach (var parameter in model.SharedParameters)
        {
            parameter.requires_grad = false;
        }

        var lines = model.Summary().Split(Environment.NewLine);

        // Linear 3→5: 20; BatchNorm1d(5): weight and bias, 10; head Linear 5→1: 6.
        Row(lines, "trunk.norm0 (BatchNorm1d)").Should().Equal("[batch, 5]", "10");
        lines.Should().Contain(["Total parameters: 36", "Trainable parameters: 6"]);
    }

    [Fact]
    public void Summary_TextTrunk_CountsEmbeddingAndRecurrentWeightsByPyTorchsFormula()
    {
        using var lstm = MultiTaskModel.Create([TaskSpec.Binary("positive")], Trunks.Text(50, embeddingSize: 8, hiddenSize: 6), seed: 3);
        using var gru = MultiTaskModel.Create([TaskSpec.Binary("positive")], Trunks.Text(50, embeddingSize: 8, hiddenSize: 6, cell: RecurrentCell.Gru, bidirectional: true), seed: 3);

        var lstmLines = lstm.Summary().Split(Environment.NewLine);
        var gruLines = gru.Summary().Split(Environment.NewLine);

        // Embedding 50·8 = 400. LSTM: 4 gates × (H·(E + H) + 2H) = 4·(6·14 + 12) = 384. GRU: 3 gates, per direction
        // 3·(6·14 + 12) = 288, two directions 576. Heads: Linear(6 → 1) = 7, Linear(12 → 1) = 13.
        Row(lstmLines, "trunk.embedding (Embedding)").Should().Equal("[batch, length, 8]", "400");
        Row(lstmLines, "trunk.lstm (LSTM)").Should().Equal("[batch, 6]", "384");
        Row(gruLines, "trunk.gru (GRU)").Should().Equal("[batch, 12]", "576");
        Row(gruLines, "heads.positive.out (Linear)").Should().Equal("[batch, 1]", "13");
        lstmLines.Should().Contain("Total parameters: 791");
        lstm.ParameterCount.Should().Be(791);
        gru.ParameterCount.Should().Be(400 + 576 + 13);
    }

    [Fact]
    public void Summary_CustomHead_IsOneLayerWithTheTasksOutputShape()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Multiclass("kind", 3)], Trunks.Mlp(4, [8]), Heads.Custom("bilinear", (i, o) => torch.nn.Linear(i, o, hasBias: false)), seed: 4);

        Row(model.Summary().Split(Environment.NewLine), "heads.kind (Linear)").Should().Equal("[batch, 3]", "24");
    }

    [Fact]
    public void SpecToString_DescribesTheArchitecture()
    {
        Trunks.Mlp(100, [256, 256], dropout: 0.1).ToString().Should().Be("Mlp(100 → 256 → 256, ReLU, dropout 0.1)");
        Trunks.Mlp(3, [5], Activation.Tanh, normalization: Normalization.LayerNorm).ToString().Should().Be("Mlp(3 → 5, Tanh, LayerNorm)");
        Heads.Linear().ToString().Should().Be("Linear(in → out)");
        Heads.Mlp([32, 8], Activation.GELU, 0.25).ToString().Should().Be("Mlp(in → 32 → 8 → out, GELU, dropout 0.25)");
        Trunks.Text(5000, 64, 64, layers: 2, bidirectional: true, dropout: 0.1).ToString().Should().Be("Text(vocabulary 5,000 → embedding 64 → LSTM 64 × 2 layers, bidirectional, dropout 0.1)");
        Trunks.Text(20, 4, 3, RecurrentCell.Gru, paddingId: 2).ToString().Should().Be("Text(vocabulary 20 → embedding 4 → GRU 3, padding id 2)");
        Trunks.Custom("encoder", InputKind.Features, 10, 32, () => torch.nn.Linear(10, 32)).ToString().Should().Be("Custom('encoder', Features 10 → 32)");
        Heads.Custom("bilinear", (i, o) => torch.nn.Linear(i, o)).ToString().Should().Be("Custom('bilinear')");
    }

    [Fact]
    public void ModelToString_NamesTasksTrunkHeadsAndSize_AndSurvivesDispose()
    {
        var model = MultiTaskModel.Create(Tasks, Trunks.Mlp(100, [256, 256], dropout: 0.1), Heads.Mlp([16]), seed: 1);

        model.ToString().Should().Be("MultiTaskModel(tasks: price (Regression), churn (Binary), segment (Multiclass, 4 classes); trunk: Mlp(100 → 256 → 256, ReLU, dropout 0.1); heads: Mlp(in → 16 → out, ReLU); 104,086 parameters)");
        model.Dispose();
        model.ToString().Should().EndWith("; disposed)");
    }

    [Fact]
    public void Factories_RejectUndefinedEnumValues_NamingTheArgument()
    {
        FluentActions.Invoking(() => Trunks.Mlp(3, [4], (Activation)42)).Should().Throw<ArgumentOutOfRangeException>()
            .WithMessage("Trunks.Mlp.activation must be one of ReLU, GELU, SiLU, Tanh, LeakyReLU; got 42.*").Which.ParamName.Should().Be("activation");
        FluentActions.Invoking(() => Trunks.Mlp(3, [4], normalization: (Normalization)5)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("normalization");
        FluentActions.Invoking(() => Trunks.Text(10, cell: (RecurrentCell)2)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("cell");
        FluentActions.Invoking(() => Heads.Mlp([4], (Activation)(-1))).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("activation");
    }

    /// <summary>The output shape and parameter count on the line of a layer.</summary>
    private static string[] Row(string[] lines, string layer)
    {
        var line = lines.Single(l => l.TrimStart().StartsWith(layer + " ", StringComparison.Ordinal));
        var shapeStart = line.IndexOf('[', StringComparison.Ordinal);
        var shapeEnd = line.IndexOf(']', StringComparison.Ordinal) + 1;
        return [line[shapeStart..shapeEnd], line[shapeEnd..].Trim()];
    }
}
