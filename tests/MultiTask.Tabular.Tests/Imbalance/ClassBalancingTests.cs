using MultiTask.Data;
using MultiTask.Losses;
using MultiTask.Tabular.Imbalance;
using MultiTask.Tests.TestUtilities;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Tabular.Tests.Imbalance;

[Collection(TorchCollection.Name)]
public sealed class ClassBalancingTests
{
    [Fact]
    public void BalancedWeights_MatchScikitLearnOnRealData()
    {
        // sklearn.utils.class_weight.compute_class_weight("balanced", …) with scikit-learn 1.2.1.
        var cancer = ToyDatasets.BreastCancer().Targets[0].Select(v => (int)v).ToArray();
        var wine = ToyDatasets.Wine().Targets[0].Select(v => (int)v).ToArray();

        ClassBalancing.BalancedWeights(cancer, 2).Should().BeEquivalentTo([1.34198113, 0.79691877], o => o.WithStrictOrdering().Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-8)).WhenTypeIs<double>());
        ClassBalancing.BalancedWeights(wine, 3).Should().BeEquivalentTo([1.00564972, 0.83568075, 1.23611111], o => o.WithStrictOrdering().Using<double>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-8)).WhenTypeIs<double>());
    }

    [Fact]
    public void BalancedWeights_IgnoreMissingLabels_AndNameAnEmptyClass()
    {
        ClassBalancing.BalancedWeights([0, 0, 0, 1, -1], 2).Should().Equal(4.0 / 6.0, 2.0);
        var act = () => ClassBalancing.BalancedWeights([0, 0, 2], 3);
        act.Should().Throw<ArgumentException>().WithMessage("*Class 1 has no labelled row*");
    }

    [Fact]
    public void ClassWeightedLoss_IsTheWeightedMeanOverLabelledRows()
    {
        var task = TaskSpec.Binary("b").WithClassWeights([1.0, 3.0]);
        using var scope = NewDisposeScope();
        var logits = torch.tensor(new[] { 0f, 0f, 2f }).view(3, 1);
        var target = torch.tensor(new[] { 1f, 0f, 1f });
        var mask = torch.tensor(new[] { 1f, 1f, 0f });

        var loss = TaskLoss.MaskedMean(TaskLoss.PerSample(task, logits, target), TaskLoss.SampleWeights(task, target, mask)).item<float>();

        // Rows 0 (class 1, weight 3) and 1 (class 0, weight 1) are labelled, both with loss ln 2: (3 ln2 + ln2) / 4.
        loss.Should().BeApproximately((float)Math.Log(2), 1e-6f);
        var skewed = TaskLoss.PerSample(task, torch.tensor(new[] { 0f, 2f }).view(2, 1), torch.tensor(new[] { 1f, 0f }));
        var weighted = TaskLoss.MaskedMean(skewed, TaskLoss.SampleWeights(task, torch.tensor(new[] { 1f, 0f }), torch.ones(2))).item<float>();
        weighted.Should().BeApproximately((float)(((3 * Math.Log(2)) + Math.Log(1 + Math.Exp(2))) / 4), 1e-6f);
    }

    [Theory]
    [InlineData(2.0)]
    [InlineData(0.0)]
    public void FocalLoss_MatchesTheFormula(double gamma)
    {
        using var scope = NewDisposeScope();
        var binary = TaskSpec.Binary("b").WithFocalLoss(gamma);
        var multi = TaskSpec.Multiclass("m", 3).WithFocalLoss(gamma);

        var b = TaskLoss.PerSample(binary, torch.tensor(new[] { 1f }).view(1, 1), torch.tensor(new[] { 1f })).item<float>();
        var m = TaskLoss.PerSample(multi, torch.tensor(new[] { 1f, 2f, 3f }).view(1, 3), torch.tensor(new[] { 0f })).item<float>();

        double p = 1 / (1 + Math.Exp(-1));
        b.Should().BeApproximately((float)(-Math.Pow(1 - p, gamma) * Math.Log(p)), 1e-6f);
        double q = Math.Exp(1) / (Math.Exp(1) + Math.Exp(2) + Math.Exp(3));
        m.Should().BeApproximately((float)(-Math.Pow(1 - q, gamma) * Math.Log(q)), 1e-5f);
    }

    [Fact]
    public void Oversample_BalancesTheTask_WithoutChangingTheOtherTasksLabels()
    {
        using var data = Imbalanced();
        using var balanced = ClassBalancing.Oversample(data, "rare", seed: 1);

        var labels = balanced.GetLabels("rare");
        labels.Count(l => l == 1).Should().Be(labels.Count(l => l == 0)).And.Be(8);
        balanced.RowCount.Should().Be(10 + 6);
        balanced.LabelCount("other").Should().Be(data.LabelCount("other"), "copies carry only the oversampled task's label");
        balanced.GetValues("other").Skip(10).Should().OnlyContain(v => float.IsNaN(v));
    }

    [Fact]
    public void Undersample_MasksMajorityLabels_KeepingRowsTheOtherTasksNeed()
    {
        using var data = Imbalanced();
        using var balanced = ClassBalancing.Undersample(data, "rare", seed: 2);

        var labels = balanced.GetLabels("rare");
        labels.Count(l => l == 0).Should().Be(2);
        labels.Count(l => l == 1).Should().Be(2);
        balanced.RowCount.Should().Be(10, "every row still has a label for 'other'");
        balanced.LabelCount("other").Should().Be(10);
    }

    [Fact]
    public void ClassWeightsAndFocalLoss_SurviveSaveAndLoad()
    {
        var tasks = new[] { TaskSpec.Multiclass("m", 3).WithClassWeights([1, 2, 3]).WithFocalLoss(1.5) };
        using var model = MultiTaskModel.Create(tasks, MultiTask.Models.Trunks.Mlp(2, [3]), seed: 1);
        using var dir = new TempDirectory();
        model.Save(dir.File("m.mtm"));

        using var loaded = MultiTaskModel.Load(dir.File("m.mtm"));

        loaded.Tasks[0].Loss.Should().Be(LossFunction.Focal);
        loaded.Tasks[0].FocalGamma.Should().Be(1.5);
        loaded.Tasks[0].ClassWeights.Should().Equal(1.0, 2.0, 3.0);
    }

    private static MultiTaskDataset Imbalanced()
    {
        var x = Problems.Features(10, 2, seed: 3);
        int[] rare = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1];
        float[] other = Enumerable.Range(0, 10).Select(i => (float)i).ToArray();
        return MultiTaskDataset.FromArrays(x, [TaskSpec.Binary("rare"), TaskSpec.Regression("other")], [rare, other]);
    }
}
