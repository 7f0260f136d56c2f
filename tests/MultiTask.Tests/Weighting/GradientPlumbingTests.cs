using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Weighting;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Tests.Weighting;

/// <summary>
/// The trainer's per-task gradient plumbing checked against plain backward passes: a gradient method that returns
/// weights 1 must update exactly like the summed loss (equal weighting), on shared parameters and at the representation.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class GradientPlumbingTests
{
    [Theory]
    [InlineData(GradientSource.SharedParameters)]
    [InlineData(GradientSource.Representation)]
    public void UnitWeights_UpdateExactlyLikeTheSummedLoss(GradientSource source)
    {
        using var data = WeightingContractTests.ThreeTaskData(64);
        var reference = OneSgdStep(data, Weightings.Equal(), GradientSource.SharedParameters);
        var viaGradients = OneSgdStep(data, new FixedWeights(1, 1, 1), source);

        viaGradients.Length.Should().Be(reference.Length);
        for (int i = 0; i < reference.Length; i++)
        {
            viaGradients[i].Should().BeApproximately(reference[i], 1e-7f);
        }
    }

    [Theory]
    [InlineData(GradientSource.SharedParameters)]
    [InlineData(GradientSource.Representation)]
    public void Weights_ScaleEachTasksSharedGradient(GradientSource source)
    {
        using var data = WeightingContractTests.ThreeTaskData(64);
        var trunkOf = (float[] all) => all.Take((4 * 8) + 8).ToArray();
        var onlyFirst = trunkOf(OneSgdStep(data, new FixedWeights(1, 0, 0), source));
        var firstTwice = trunkOf(OneSgdStep(data, new FixedWeights(2, 0, 0), source));
        var reference = trunkOf(OneSgdStep(data, Weightings.Static(1, 0, 0), GradientSource.SharedParameters));

        for (int i = 0; i < onlyFirst.Length; i++)
        {
            onlyFirst[i].Should().BeApproximately(reference[i], 1e-7f);
            firstTwice[i].Should().BeApproximately(2 * reference[i], 1e-7f);
        }
    }

    [Fact]
    public void RepresentationSource_GramianIsTheOneOfEachTasksGradientAtTheRepresentation()
    {
        using var data = WeightingContractTests.ThreeTaskData(40);
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), Heads.Mlp([4]), seed: 3);
        var expected = HandRepresentationGramian(model, data);
        var capture = new CapturingWeights();
        var options = new TrainerOptions { Epochs = 1, BatchSize = 40, Shuffle = false, GradientSource = GradientSource.Representation };
        using var trainer = new MultiTaskTrainer(model, options, capture);

        trainer.Fit(data);

        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                capture.Gramian![i, j].Should().BeApproximately(expected[i, j], 1e-6 * Math.Abs(expected[i, i]));
            }
        }
    }

    [Fact]
    public void RepresentationSource_WithALossMethod_IsRejectedWithTheReason()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Binary("a"), TaskSpec.Binary("b")], Trunks.Mlp(2, [4]));
        var act = () => new MultiTaskTrainer(model, new TrainerOptions { GradientSource = GradientSource.Representation }, Weightings.Uncertainty());
        act.Should().Throw<ArgumentException>().WithMessage("*UW is a loss-based method*trunk would never be updated*");
    }

    [Fact]
    public void StaticWeightsAndAMethodTogether_AreRejected()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Binary("a")], Trunks.Mlp(2, [4]));
        var act = () => new MultiTaskTrainer(model, new TrainerOptions { TaskWeights = new Dictionary<string, double> { ["a"] = 2 } }, Weightings.Equal());
        act.Should().Throw<ArgumentException>().WithMessage("*TaskWeights*EW*one or the other*");
    }

    [Fact]
    public void PerStepDiagnostics_MatchCosinesComputedByHand()
    {
        using var data = WeightingContractTests.ThreeTaskData(40);
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), seed: 4);
        using var first = data.Subset(Enumerable.Range(0, 40).ToArray());
        var expected = HandCosines(model, first);
        var options = new TrainerOptions { Epochs = 1, BatchSize = 40, Shuffle = false, GradientDiagnostics = GradientDiagnostics.PerStep };
        using var trainer = new MultiTaskTrainer(model, options);

        var history = trainer.Fit(data);

        var measured = history.Steps.Single().GradientCosines;
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                measured[i][j].Should().BeApproximately(expected[i, j], 1e-5);
            }
        }

        history.Epochs[0].GradientCosines![0][1].Should().BeApproximately(expected[0, 1], 1e-5);
    }

    private static double[,] HandCosines(MultiTaskModel model, MultiTaskDataset batch)
    {
        using var scope = NewDisposeScope();
        model.Network.train();
        var (inputs, targets, mask) = batch.GetBatch(Enumerable.Range(0, batch.RowCount).ToArray());
        var outputs = model.Network.forward(inputs);
        var grads = new List<float[]>();
        for (int t = 0; t < 3; t++)
        {
            var loss = MultiTask.Losses.TaskLoss.MaskedMean(MultiTask.Losses.TaskLoss.PerSample(model.Tasks[t], outputs[t], targets.select(1, t)), mask.select(1, t));
            var g = torch.autograd.grad([loss], model.SharedParameters.Cast<Tensor>().ToArray(), retain_graph: true);
            grads.Add(torch.cat(g.Select(x => x.flatten()).ToArray()).data<float>().ToArray());
        }

        var cos = new double[3, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                double dot = 0, ni = 0, nj = 0;
                for (int k = 0; k < grads[i].Length; k++)
                {
                    dot += (double)grads[i][k] * grads[j][k];
                    ni += (double)grads[i][k] * grads[i][k];
                    nj += (double)grads[j][k] * grads[j][k];
                }

                cos[i, j] = dot / Math.Sqrt(ni * nj);
            }
        }

        return cos;
    }

    /// <summary>G[i, j] = ⟨∂Lᵢ/∂z, ∂Lⱼ/∂z⟩ at the trunk's output z, each task's loss differentiated on its own.</summary>
    private static double[,] HandRepresentationGramian(MultiTaskModel model, MultiTaskDataset batch)
    {
        using var scope = NewDisposeScope();
        model.Network.train();
        var (inputs, targets, mask) = batch.GetBatch(Enumerable.Range(0, batch.RowCount).ToArray());
        var z = model.Network.Encode(inputs);
        var outputs = model.Network.Decode(z);
        var grads = new List<double[]>();
        for (int t = 0; t < 3; t++)
        {
            var loss = MultiTask.Losses.TaskLoss.MaskedMean(MultiTask.Losses.TaskLoss.PerSample(model.Tasks[t], outputs[t], targets.select(1, t)), mask.select(1, t));
            var g = torch.autograd.grad([loss], [z], retain_graph: true)[0];
            grads.Add(g.flatten().to(ScalarType.Float64).data<double>().ToArray());
        }

        var gramian = new double[3, 3];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                gramian[i, j] = grads[i].Zip(grads[j], (a, b) => a * b).Sum();
            }
        }

        return gramian;
    }

    /// <summary>The change of every parameter after one full-batch SGD step (lr 0.1).</summary>
    private static float[] OneSgdStep(MultiTaskDataset data, WeightingMethod method, GradientSource source)
    {
        using var model = MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), Heads.Mlp([4]), seed: 2);
        var before = Flat(model);
        var options = new TrainerOptions { Optimizer = OptimizerKind.Sgd, Momentum = 0, LearningRate = 0.1, Epochs = 1, BatchSize = data.RowCount, Shuffle = false, GradientSource = source };
        using var trainer = new MultiTaskTrainer(model, options, method);
        trainer.Fit(data);
        return Flat(model).Zip(before, (a, b) => a - b).ToArray();
    }

    private static float[] Flat(MultiTaskModel model)
    {
        using var scope = NewDisposeScope();
        return torch.cat(model.Network.parameters().Select(p => p.detach().flatten()).ToArray()).data<float>().ToArray();
    }

    /// <summary>Equal weights; keeps the Gramian of the first step.</summary>
    private sealed class CapturingWeights : GradientWeighting
    {
        public double[,]? Gramian { get; private set; }

        public override string Name => "Capture";

        public override bool SupportsRepresentationGradients => true;

        public override GradientCombination Combine(GradientWeightingContext context)
        {
            Gramian ??= (double[,])context.Gramian!.Clone();
            return new([1, 1, 1]);
        }
    }

    /// <summary>A gradient method with constant weights, to test the trainer's plumbing.</summary>
    private sealed class FixedWeights(params double[] weights) : GradientWeighting
    {
        public override string Name => "Fixed";

        public override bool SupportsRepresentationGradients => true;

        public override GradientCombination Combine(GradientWeightingContext context) => new(weights);
    }
}
