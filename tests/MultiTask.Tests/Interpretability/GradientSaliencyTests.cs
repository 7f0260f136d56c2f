using MultiTask.Data;
using MultiTask.Interpretability;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tests.Interpretability;

/// <summary>For a linear model o = w·x the gradient is w, so gradient × input is w ⊙ x, computed here by hand.</summary>
public sealed class GradientSaliencyTests
{
    [Fact]
    public void LinearTrunkAndHead_SaliencyIsEffectiveWeightTimesInput_AndLeaksNoTensor()
    {
        // Trunk W = [[1,2,0],[0,1,−1]], head v = [3,1] (regression) and u = [1,−1] (binary logit):
        // effective weights vW = [3,7,−1] and uW = [1,1,1].
        TaskSpec[] tasks = [TaskSpec.Regression("y"), TaskSpec.Binary("b")];
        using var model = LinearModels.Create(tasks, new float[,] { { 1, 2, 0 }, { 0, 1, -1 } }, [LinearModels.Row([3, 1]), LinearModels.Row([1, -1])]);
        var x = new float[,] { { 1, 2, 3 }, { -1, 0.5f, 2 }, { 0, -2, 4 } };
        SaliencyReport? report = null;

        Leak.AssertNone(() => report = GradientSaliency.Compute(model, x, batchSize: 2), "saliency in two batches");

        float[][] w = [[3, 7, -1], [1, 1, 1]];
        for (int t = 0; t < 2; t++)
        {
            var saliency = report!.Tasks[t];
            for (int i = 0; i < 3; i++)
            {
                for (int f = 0; f < 3; f++)
                {
                    saliency[i, f].Should().BeApproximately(w[t][f] * x[i, f], 1e-5f, "task {0}, row {1}, feature {2}", t, i, f);
                }
            }
        }

        // Mean |w_f x_f| over rows for y: f0 (3+3+0)/3 = 2, f1 (14+3.5+14)/3 = 10.5, f2 (3+2+4)/3 = 3.
        report!["y"].MeanAbsolute.Should().Equal([2, 10.5, 3], (a, b) => Math.Abs(a - b) < 1e-5);
    }

    [Fact]
    public void Multiclass_UsesTheLogitOfEachRowsPredictedClass()
    {
        // Identity trunk; class logits x0, x1 and −x0 − x1.
        TaskSpec[] tasks = [TaskSpec.Multiclass("c", 3)];
        var identity = new float[,] { { 1, 0 }, { 0, 1 } };
        using var model = LinearModels.Create(tasks, identity, [new float[,] { { 1, 0 }, { 0, 1 }, { -1, -1 } }]);
        var x = new float[,] { { 2, 1 }, { -1, 3 }, { -2, -2 } };

        var saliency = GradientSaliency.Compute(model, x)["c"];

        // Row 0: logits [2,1,−3] → class 0 → [1·2, 0·1]; row 1: [−1,3,−2] → class 1 → [0, 3]; row 2: [−2,−2,4] → class 2 → [2, 2].
        saliency.ToArray().Should().BeEquivalentTo(new float[,] { { 2, 0 }, { 0, 3 }, { 2, 2 } });
    }

    [Fact]
    public void Dataset_MatchesArrays_AndBadInputNamesTheShape()
    {
        TaskSpec[] tasks = [TaskSpec.Regression("y")];
        using var model = LinearModels.Identity(tasks, 2, [2, -3]);
        var x = new float[,] { { 1, 2 }, { 3, 4 } };
        float[] y = [0, 0];
        using var data = MultiTaskDataset.FromArrays(x, tasks, [y]);

        GradientSaliency.Compute(model, data)["y"].ToArray().Should().BeEquivalentTo(new float[,] { { 2, -6 }, { 6, -12 } });

        var wrongWidth = () => GradientSaliency.Compute(model, new float[2, 3]);
        wrongWidth.Should().Throw<ArgumentException>().WithMessage("*expects 2 features per row*got 3*");

        using var text = MultiTaskModel.Create(tasks, Trunks.Text(10, 4, 4), seed: 1);
        var tokens = () => GradientSaliency.Compute(text, x);
        tokens.Should().Throw<ArgumentException>().WithMessage("*trunk takes Tokens*");
    }
}
