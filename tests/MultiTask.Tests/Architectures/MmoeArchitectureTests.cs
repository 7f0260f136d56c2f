using MultiTask.Architectures;
using MultiTask.Data;
using MultiTask.Data.Synthetic;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Weighting;
using TorchSharp;
using static MultiTask.Tests.Architectures.HandWeights;

namespace MultiTask.Tests.Architectures;

[Collection(TorchCollection.Name)]
public sealed class MmoeArchitectureTests
{
    private static readonly TaskSpec[] Tasks = [TaskSpec.Regression("a"), TaskSpec.Regression("b")];

    [Fact]
    public void Predict_HandSetWeights_IsTheTowerOfTheSoftmaxGatedSumOfExperts()
    {
        // Two experts relu(w·x + b) on 2 features, gates W_g x (no bias), linear towers.
        using var model = MultiTaskModel.Create(Tasks, new MmoeArchitecture { Expert = Trunks.Mlp(2, [1]), ExpertCount = 2 }, seed: 1);
        Set(model, "experts.0.linear0.weight", 1, 0);
        Set(model, "experts.0.linear0.bias", 0);
        Set(model, "experts.1.linear0.weight", 0, 1);
        Set(model, "experts.1.linear0.bias", 1);
        Set(model, "gates.a.weight", 0, 0, 0, 0);
        Set(model, "gates.b.weight", 1, 0, 0, 0);
        Set(model, "towers.a.out.weight", 2);
        Set(model, "towers.a.out.bias", 0.5f);
        Set(model, "towers.b.out.weight", 2);
        Set(model, "towers.b.out.bias", 0.5f);

        var predictions = model.Predict(new float[,] { { 1, 2 } });

        // x = (1, 2): experts 1 and 3. Gate a: logits (0, 0) → (½, ½) → mixture 2 → 2·2 + 0.5 = 4.5.
        // Gate b: logits (1·1 + 0·2, 0) = (1, 0) → softmax (e/(e+1), 1/(e+1)) → mixture e/(e+1) + 3/(e+1).
        double gateB = Softmax([1, 0], 0);
        double mixtureB = (gateB * 1) + ((1 - gateB) * 3);
        predictions.Regression("a").Values[0].Should().BeApproximately(4.5f, 1e-5f);
        predictions.Regression("b").Values[0].Should().BeApproximately((float)((2 * mixtureB) + 0.5), 1e-5f);
    }

    [Fact]
    public void Gates_SumToOnePerRow_AndParametersAreDeclaredPerTask()
    {
        using var model = MultiTaskModel.Create(Tasks, new MmoeArchitecture { Expert = Trunks.Mlp(3, [4]), ExpertCount = 5, Tower = Heads.Mlp([2]) }, seed: 2);
        using var scope = torch.NewDisposeScope();
        var gates = ((MmoeNetwork)model.Network).GateWeights(torch.randn(7, 3), 1).sum(1).data<float>().ToArray();

        gates.Should().AllSatisfy(s => s.Should().BeApproximately(1f, 1e-6f));
        // Experts: 5 × (3·4 + 4) = 80 shared. A task: gate 3·5 = 15, tower (4·2 + 2) + (2·1 + 1) = 13.
        model.SharedParameters.Sum(p => p.numel()).Should().Be(80);
        model.TaskParameters("b").Sum(p => p.numel()).Should().Be(28);
        model.ParameterCount.Should().Be(80 + (2 * 28));
    }

    [Fact]
    public void Trainer_RepresentationGradients_AreRefusedWithTheReason()
    {
        using var model = MultiTaskModel.Create(Tasks, new MmoeArchitecture { Expert = Trunks.Mlp(3, [4]), ExpertCount = 2 }, seed: 3);

        var act = () => new MultiTaskTrainer(model, new TrainerOptions { GradientSource = GradientSource.Representation }, Weightings.Mgda());

        act.Should().Throw<ArgumentException>().WithMessage("*MGDA*GradientSource.Representation*Mmoe(2 experts*its own representation*GradientSource.SharedParameters*");
    }

    [Fact]
    public void Expert_CustomTrunkOverTokens_IsRefusedNamingTheProperty()
    {
        // A text encoder is a valid expert (see TextExpertTests); a custom token trunk is not, as the gates need a vocabulary.
        var act = () => new MmoeArchitecture { Expert = Trunks.Custom("seq", InputKind.Tokens, null, 4, () => torch.nn.Identity()) };
        act.Should().Throw<ArgumentException>().WithMessage("MmoeArchitecture.Expert must take features or be a text encoder*Tokens*");
        var count = () => new MmoeArchitecture { Expert = Trunks.Mlp(2, [2]), ExpertCount = 0 };
        count.Should().Throw<ArgumentOutOfRangeException>().WithMessage("MmoeArchitecture.ExpertCount must be ≥ 1; got 0.*");
    }

    [Fact]
    public void Fit_OnTheMmoeSyntheticTasks_LearnsEachTaskWellBeyondTheMean()
    {
        // Ma et al.'s generator with one smooth sine term (y = wᵀx + sin(wᵀx + β) + noise) and task correlation 0.5.
        var synthetic = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 1200, FeatureCount = 10, Correlation = 0.5, SineTerms = 1, Seed = 4 });
        using var data = synthetic.ToDataset();
        var split = data.TrainTestSplit(0.25, seed: 5);
        using var model = MultiTaskModel.Create(data.Tasks, new MmoeArchitecture { Expert = Trunks.Mlp(10, [16]), ExpertCount = 4, Tower = Heads.Mlp([8]) }, seed: 6);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 20, BatchSize = 64, LearningRate = 1e-2, Seed = 7 });

        trainer.Fit(split.Train);

        var report = model.Evaluate(split.Test);
        for (int t = 0; t < data.Tasks.Count; t++)
        {
            // A constant prediction (the mean) has MSE = the variance of the targets.
            double variance = Variance(split.Test.GetValues(data.Tasks[t].Name));
            report[data.Tasks[t].Name].Loss.Should().BeLessThan(0.1 * variance, "task '{0}' should be learnt", data.Tasks[t].Name);
        }
    }

    private static double Variance(IReadOnlyList<float> values)
    {
        double mean = values.Average(v => (double)v);
        return values.Average(v => (v - mean) * (v - mean));
    }
}
