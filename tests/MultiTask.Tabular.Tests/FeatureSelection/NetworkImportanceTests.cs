using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Internal;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using TorchSharp;

namespace MultiTask.Tabular.Tests.FeatureSelection;

/// <summary>Permutation importances of a multi-task network: a hand-computed linear case and a trained synthetic problem.</summary>
[Collection(TorchCollection.Name)]
public sealed class NetworkImportanceTests
{
    private static readonly TaskSpec[] LinearTasks = [TaskSpec.Regression("a"), TaskSpec.Regression("b")];

    [Fact]
    public void LinearHeads_ImportanceIsTheHandComputedLossIncrease()
    {
        // Identity trunk, heads ŷa = 2·x0 and ŷb = −3·x2 + 0.5 that fit their targets exactly (baseline loss 0).
        // Shuffling x0 by π raises task a's MSE to mean((2·x0[π(i)] − 2·x0[i])²) and leaves b unchanged; x1 is unused.
        using var model = LinearModel(out var x, out var targets);
        using var data = MultiTaskDataset.FromArrays(x, LinearTasks, targets);
        int rows = x.GetLength(0);
        var importance = new NetworkImportance { Repeats = 3, Seed = 11 };

        var result = importance.Compute(model, data, ["x0", "x1", "x2"]);

        double Expected(int feature, double weight)
        {
            double total = 0;
            for (int r = 0; r < 3; r++)
            {
                var order = NetworkImportance.Permutation(rows, SeedMix.Of(11, feature, r));
                double sum = 0;
                for (int i = 0; i < rows; i++)
                {
                    double d = weight * (x[order[i], feature] - x[i, feature]);
                    sum += d * d;
                }

                total += sum / rows;
            }

            return total / 3;
        }

        result.BaselineLosses["a"].Should().BeApproximately(0, 1e-10);
        result.Importances["a"][0].Should().BeApproximately(Expected(0, 2), 1e-5 * Expected(0, 2));
        result.Importances["b"][2].Should().BeApproximately(Expected(2, -3), 1e-5 * Expected(2, -3));
        result.Importances["a"][1].Should().Be(0);
        result.Importances["a"][2].Should().Be(0);
        result.Importances["b"][0].Should().Be(0);
        result.Importances["b"][1].Should().Be(0);
        result.Aggregated[0].Should().BeApproximately(result.Importances["a"][0] / 2, 1e-12);
        result.Aggregated[2].Should().BeApproximately(result.Importances["b"][2] / 2, 1e-12);
        result.Aggregated[1].Should().Be(0);
        result.SelectTop(2).SelectedColumns.Should().Equal("x0", "x2");
        result.SelectAbove(1e-9).SelectedColumns.Should().Equal("x0", "x2");
    }

    [Fact]
    public void StandardDeviation_IsOverTheRepeats()
    {
        using var model = LinearModel(out var x, out var targets);
        using var data = MultiTaskDataset.FromArrays(x, LinearTasks, targets);

        var one = new NetworkImportance { Repeats = 1, Seed = 2 }.Compute(model, data);
        var two = new NetworkImportance { Repeats = 2, Seed = 2 }.Compute(model, data);

        one.StandardDeviations["a"][0].Should().Be(0);
        two.StandardDeviations["a"][0].Should().BeGreaterThan(0);

        // The first repeat is shared: the two-repeat mean ± std brackets the one-repeat value.
        double mean = two.Importances["a"][0], std = two.StandardDeviations["a"][0];
        Math.Abs(one.Importances["a"][0] - mean).Should().BeApproximately(std, 1e-9);
    }

    [Fact]
    public void SameSeed_SameImportances_OtherSeed_Different()
    {
        using var model = LinearModel(out var x, out var targets);
        using var data = MultiTaskDataset.FromArrays(x, LinearTasks, targets);

        var first = new NetworkImportance { Seed = 4 }.Compute(model, data);
        var again = new NetworkImportance { Seed = 4 }.Compute(model, data);
        var other = new NetworkImportance { Seed = 5 }.Compute(model, data);

        again.Importances["a"].Should().Equal(first.Importances["a"]);
        other.Importances["a"][0].Should().NotBe(first.Importances["a"][0]);
    }

    [Fact]
    public void TaskWithoutLabels_IsNaN_AndLeftOutOfTheAggregate()
    {
        using var model = LinearModel(out var x, out var targets);
        var none = Enumerable.Repeat(double.NaN, x.GetLength(0)).ToArray();
        using var data = MultiTaskDataset.FromArrays(x, LinearTasks, [targets[0], none]);

        var result = new NetworkImportance { Aggregation = TaskAggregation.Max }.Compute(model, data);

        result.BaselineLosses["b"].Should().Be(double.NaN);
        result.Importances["b"].Should().AllSatisfy(v => v.Should().Be(double.NaN));
        result.Aggregated.Should().Equal(result.Importances["a"]);
    }

    [Fact]
    public void FeatureNamesOfTheWrongCount_AreRejected()
    {
        using var model = LinearModel(out var x, out var targets);
        using var data = MultiTaskDataset.FromArrays(x, LinearTasks, targets);

        FluentActions.Invoking(() => new NetworkImportance().Compute(model, data, ["only"]))
            .Should().Throw<ArgumentException>().WithParameterName("featureNames").WithMessage("*3 feature names; got 1*");
    }

    [Fact]
    public void TrainedNetwork_RanksTheFeaturesEachTaskUses()
    {
        // value = 1.5·x0 − 2·x1 (regression), sign = [x2 + x3 > 0] (binary); x4 and x5 are noise.
        var x = Problems.Features(1500, 6, seed: 21);
        int rows = x.GetLength(0);
        var value = Problems.Linear(x, [1.5, -2.0, 0, 0, 0, 0]);
        var sign = Enumerable.Range(0, rows).Select(i => x[i, 2] + x[i, 3] > 0 ? 1 : 0).ToArray();
        TaskSpec[] tasks = [TaskSpec.Regression("value"), TaskSpec.Binary("sign")];
        using var data = MultiTaskDataset.FromArrays(x, tasks, [value, sign]);
        var split = data.TrainTestSplit(0.3, seed: 22);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(6, [32]), seed: 23);
        using (var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 40, BatchSize = 32, LearningRate = 3e-3, Seed = 24 }))
        {
            trainer.Fit(split.Train);
        }

        model.Evaluate(split.Test)["sign"][MetricNames.Accuracy].Should().BeGreaterThan(0.9);

        var result = new NetworkImportance { Repeats = 3, Seed = 25, Aggregation = TaskAggregation.Max }.Compute(model, split.Test);

        var valueImportance = result.Importances["value"];
        var signImportance = result.Importances["sign"];
        Math.Min(valueImportance[0], valueImportance[1]).Should().BeGreaterThan(20 * Math.Max(valueImportance[4], valueImportance[5]));
        Math.Min(signImportance[2], signImportance[3]).Should().BeGreaterThan(5 * Math.Max(signImportance[4], signImportance[5]));
        // Max keeps a feature that matters to any task (a mean rank would demote features used by one task only).
        result.SelectTop(4).SelectedColumns.Should().Equal("x0", "x1", "x2", "x3");
    }

    /// <summary>ŷa = 2·x0, ŷb = −3·x2 + 0.5 on an identity trunk, with targets they fit exactly.</summary>
    private static MultiTaskModel LinearModel(out float[,] x, out TaskTargets[] targets)
    {
        var features = Problems.Features(64, 3, seed: 7);
        x = features;
        var a = Enumerable.Range(0, 64).Select(i => 2 * features[i, 0]).ToArray();
        var b = Enumerable.Range(0, 64).Select(i => (-3 * features[i, 2]) + 0.5f).ToArray();
        targets = [a, b];
        var model = MultiTaskModel.Create(LinearTasks, Trunks.Custom("identity", InputKind.Features, 3, 3, () => torch.nn.Identity()), seed: 1);
        using var noGrad = torch.no_grad();
        Set(model, "a", [2f, 0f, 0f], 0f);
        Set(model, "b", [0f, 0f, -3f], 0.5f);
        return model;
    }

    private static void Set(MultiTaskModel model, string task, float[] weight, float bias)
    {
        var parameters = model.TaskParameters(task);
        parameters[0].copy_(torch.tensor(weight, [1, 3]));
        parameters[1].copy_(torch.tensor(new[] { bias }, [1]));
    }
}
