using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using TorchSharp;

namespace MultiTask.Tests;

/// <summary>Values that are finite but overflow float32 (in a conversion or inside the network) are errors naming the culprit, never ∞ or NaN results.</summary>
[Collection(TorchCollection.Name)]
public sealed class PredictionOverflowTests
{
    [Theory]
    [InlineData(3e38f, 0)]
    [InlineData(-3e38f, 1)]
    public void Predict_FeaturesThatOverflowInsideTheNetwork_NameTheTaskAndRow(float huge, int row)
    {
        // Every weight sign(huge), every bias 0: the trunk's unit is relu(3 · |huge|) = relu(9e38) = ∞ in float32, and so is the head's output.
        using var model = MultiTaskModel.Create([TaskSpec.Regression("price")], Trunks.Mlp(3, [1]), seed: 1);
        using (torch.no_grad())
        {
            foreach (var (name, parameter) in model.Network.named_parameters())
            {
                parameter.fill_(name.EndsWith("bias", StringComparison.Ordinal) ? 0f : name.StartsWith("trunk", StringComparison.Ordinal) ? MathF.Sign(huge) : 1f);
            }
        }

        var features = new float[2, 3];
        features[row, 0] = huge;
        features[row, 1] = huge;
        features[row, 2] = huge;

        var act = () => model.Predict(features);

        act.Should().Throw<ArgumentException>().WithMessage($"The prediction of task 'price' for row {row} is *overflow the network's float32 arithmetic*").WithParameterName("features");
    }

    [Theory]
    [InlineData(1e300, 0)]
    [InlineData(-3.5e38, 2)]
    public void TargetsFromDoubles_BeyondFloat32_NameTheRow(double value, int row)
    {
        var values = new double[3];
        values[row] = value;

        var act = () => TaskTargets.FromValues(values);

        act.Should().Throw<ArgumentException>().WithMessage($"Target value * at row {row} is outside float32's range*").WithParameterName("values");
    }

    [Fact]
    public void Evaluate_TaskWithoutLabels_SaysSoInsteadOfListingNoMetrics()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Binary("churn"), TaskSpec.Regression("y")], Trunks.Mlp(2, [4]), seed: 1);
        using var data = MultiTaskDataset.FromArrays(new float[,] { { 1, 2 }, { 3, 4 } }, model.Tasks, [new[] { TaskSpec.MissingClass, TaskSpec.MissingClass }, new[] { 1f, 2f }]);
        var report = model.Evaluate(data);

        var act = () => report["churn"]["RocAuc"];

        report["churn"].LabelledRows.Should().Be(0);
        act.Should().Throw<KeyNotFoundException>().WithMessage("Task 'churn' has no metric 'RocAuc': none of the evaluated rows has a label for it*");
    }
}
