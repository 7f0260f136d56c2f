using MultiTask.Architectures;
using MultiTask.Data.Synthetic;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using TorchSharp;
using static MultiTask.Tests.Architectures.HandWeights;

namespace MultiTask.Tests.Architectures;

[Collection(TorchCollection.Name)]
public sealed class DSelectKArchitectureTests
{
    private static readonly TaskSpec[] Tasks = [TaskSpec.Regression("a"), TaskSpec.Regression("b")];

    [Theory]
    [InlineData(1.0, -0.6, 0.0)]
    [InlineData(1.0, 0.6, 1.0)]
    [InlineData(1.0, 0.0, 0.5)]
    [InlineData(1.0, 0.25, 0.84375)] // −2·0.25³ + 3·0.25/2 + ½
    [InlineData(1.0, -0.3, 0.104)] // −2·(−0.027) − 0.45 + ½
    [InlineData(2.0, 0.5, 0.84375)] // −2·0.125/8 + 1.5/4 + ½
    public void SmoothStep_FollowsThePapersFormula(double gamma, double t, double expected)
    {
        using var scope = torch.NewDisposeScope();
        DSelectKNetwork.SmoothStep(torch.tensor(t, torch.float64), gamma).item<double>().Should().BeApproximately(expected, 1e-12);
    }

    [Fact]
    public void GateWeights_HandSetSelectors_AreTheMixOfSingleExpertSelections()
    {
        using var model = MultiTaskModel.Create(Tasks, new DSelectKArchitecture { Expert = Trunks.Mlp(1, [1]), ExpertCount = 4, SelectorCount = 2 }, seed: 1);
        Set(model, "selectors.a.weight", 10, -10, 0.25f, 0); // x = 1: selector 0 z = (10, −10), selector 1 z = (0.25, 0)
        Set(model, "selectors.a.bias", 0, 0, 0, 0);
        Set(model, "mixers.a.weight", 0, (float)Math.Log(3)); // softmax(0, ln 3) = (¼, ¾)
        Set(model, "mixers.a.bias", 0, 0);
        using var scope = torch.NewDisposeScope();

        var gate = ((DSelectKNetwork)model.Network).GateWeights(torch.ones(1, 1), 0).data<float>().ToArray();

        // Selector 0: S = (1, 0) picks code (bit0 = 1, bit1 = 0) = expert 1. Selector 1: S = (0.84375, 0.5) gives
        // experts 0..3 the products (1 − s0)(1 − s1), s0(1 − s1), (1 − s0)s1, s0·s1 = 0.078125, 0.421875, 0.078125, 0.421875.
        double[] expected = [0.75 * 0.078125, 0.25 + (0.75 * 0.421875), 0.75 * 0.078125, 0.75 * 0.421875];
        gate.Select(v => (double)v).Should().Equal(expected, (actual, wanted) => Math.Abs(actual - wanted) < 1e-6);
        expected.Sum().Should().BeApproximately(1.0, 1e-12);
    }

    [Fact]
    public void SaturatedSelectors_UseAtMostKExperts()
    {
        using var model = MultiTaskModel.Create(Tasks, new DSelectKArchitecture { Expert = Trunks.Mlp(3, [2]), ExpertCount = 8, SelectorCount = 2 }, seed: 2);
        using var scope = torch.NewDisposeScope();
        using (torch.no_grad())
        {
            var selector = model.Network.named_parameters().Single(p => p.name == "selectors.b.weight").parameter;
            selector.copy_(torch.randn(selector.shape, generator: new torch.Generator(3)) * 1000);
        }

        var gates = ((DSelectKNetwork)model.Network).GateWeights(torch.randn(50, 3), 1);

        var nonzero = gates.gt(0).sum(1).data<long>().ToArray();
        nonzero.Should().AllSatisfy(n => n.Should().BeInRange(1, 2));
        gates.sum(1).data<float>().ToArray().Should().AllSatisfy(s => s.Should().BeApproximately(1f, 1e-5f));
    }

    [Fact]
    public void Build_MoreSelectorsThanExperts_NamesBoth()
    {
        var act = () => MultiTaskModel.Create(Tasks, new DSelectKArchitecture { Expert = Trunks.Mlp(3, [2]), ExpertCount = 2, SelectorCount = 3 });
        act.Should().Throw<ArgumentException>().WithMessage("DSelectKArchitecture.SelectorCount (3) must not exceed DSelectKArchitecture.ExpertCount (2).*");
    }

    [Fact]
    public void Penalty_IsLambdaTimesTheBatchMeanOfEverySelectorsEntropy()
    {
        // Two experts (one bit), one selector per task, γ = 1: r(z) = (1 − S(z), S(z)) for experts 0 and 1.
        using var model = MultiTaskModel.Create(Tasks, new DSelectKArchitecture { Expert = Trunks.Mlp(1, [1]), ExpertCount = 2, SelectorCount = 1, EntropyRegularization = 0.3 }, seed: 1);
        Set(model, "selectors.a.weight", 0.25f);
        Set(model, "selectors.a.bias", 0f);
        Set(model, "selectors.b.weight", 0f);
        Set(model, "selectors.b.bias", 0f);
        using var scope = torch.NewDisposeScope();

        var penalty = model.Network.Penalty(torch.tensor(new float[] { 1, 2 }, [2, 1]))!.item<float>();

        // Task a: z = 0.25 gives S = 0.84375; z = 0.5 reaches γ/2, so S = 1. Task b: z = 0, S = ½ on both rows.
        static double H(double s) => -(((1 - s) * Math.Log(1 - s + 1e-6)) + (s * Math.Log(s + 1e-6)));
        double expected = 0.3 * (H(0.84375) + H(1) + H(0.5) + H(0.5)) / 2;
        penalty.Should().BeApproximately((float)expected, 1e-6f);
        expected.Should().BeApproximately(0.3 * (0.43300 + 0 + (2 * 0.69315)) / 2, 1e-4);
    }

    [Fact]
    public void Penalty_WithoutEntropyRegularization_IsNull()
    {
        using var model = MultiTaskModel.Create(Tasks, new DSelectKArchitecture { Expert = Trunks.Mlp(1, [1]), ExpertCount = 2, SelectorCount = 1 }, seed: 1);
        using var scope = torch.NewDisposeScope();
        model.Network.Penalty(torch.ones(2, 1)).Should().BeNull();
    }

    [Fact]
    public void EntropyRegularization_OutOfRange_IsRefusedNamingIt()
    {
        var act = () => new DSelectKArchitecture { Expert = Trunks.Mlp(1, [1]), EntropyRegularization = -0.1 };
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("DSelectKArchitecture.EntropyRegularization must be ≥ 0 and finite; got -0.1*");
    }

    [Fact]
    public void SaveLoad_KeepsTheEntropyRegularization_AndFilesWithoutItAreUnchanged()
    {
        using var dir = new TempDirectory();
        var on = new DSelectKArchitecture { Expert = Trunks.Mlp(3, [2]), ExpertCount = 4, EntropyRegularization = 0.05 };
        using var model = MultiTaskModel.Create(Tasks, on, seed: 3);
        model.Save(dir.File("on.mtm"));

        using var loaded = MultiTaskModel.Load(dir.File("on.mtm"));

        ((DSelectKArchitecture)loaded.Architecture).EntropyRegularization.Should().Be(0.05);
        HandWeights.All(loaded).Should().Equal(HandWeights.All(model));
        on.ToJson().ContainsKey("entropyRegularization").Should().BeTrue();
        on.ToString().Should().Contain("entropy λ = 0.05");
        new DSelectKArchitecture { Expert = Trunks.Mlp(3, [2]) }.ToJson().ContainsKey("entropyRegularization").Should().BeFalse();
    }

    [Fact]
    public void Fit_WithEntropyRegularization_MovesTheSelectorsToBinaryCodes()
    {
        // The regulariser drives the selectors' smooth steps to 0 or 1 (Hazimeh et al. 2021, §3.2), and a row whose
        // steps are all saturated mixes at most k experts. Rows inside a step's transition band (|z| < γ/2) still mix
        // more, so the claim is about most rows: without the regulariser few rows are saturated.
        (double AtMostK, double Entropy) Selection(double lambda)
        {
            var synthetic = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 800, FeatureCount = 4, Correlation = 0.5, SineTerms = 1, Seed = 4 });
            using var data = synthetic.ToDataset();
            using var model = MultiTaskModel.Create(data.Tasks, new DSelectKArchitecture { Expert = Trunks.Mlp(4, [8]), ExpertCount = 8, SelectorCount = 2, EntropyRegularization = lambda }, seed: 5);
            using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 30, BatchSize = 64, LearningRate = 1e-2, Seed = 6 });
            trainer.Fit(data);
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var network = (DSelectKNetwork)model.Network;
            var x = torch.randn(500, 4, generator: new torch.Generator(7));
            double atMostK = 0, entropy = 0;
            for (int t = 0; t < 2; t++)
            {
                atMostK += network.GateWeights(x, t).gt(0).sum(1).le(2).to(torch.float32).mean().item<float>() / 2;
                var r = network.SelectorOutputs(x, t);
                entropy += -(r * (r + 1e-6).log()).sum(-1).mean().item<float>() / 2;
            }

            return (atMostK, entropy);
        }

        var with = Selection(0.1);
        var without = Selection(0);

        with.AtMostK.Should().BeGreaterThan(0.6);
        without.AtMostK.Should().BeLessThan(0.3);
        with.Entropy.Should().BeLessThan(0.4 * without.Entropy);
    }

    [Fact]
    public void Load_AFileFromBeforeTheGateBiases_GivesItsRecordedPredictions()
    {
        // Written by commit dcf4030 (gates without biases); see tests/data/models/README.md.
        using var model = MultiTaskModel.Load(TestData.File("models", "dcf4030-dselect-k.mtm"));
        var recorded = File.ReadAllLines(TestData.File("models", "dcf4030-dselect-k.predictions.txt"))
            .Select(line => line.Split(' ').Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();

        var predictions = model.Predict(new float[,] { { 0.5f, -1f, 2f }, { -0.25f, 0.75f, 0f } });

        ((DSelectKArchitecture)model.Architecture).GateBias.Should().BeFalse();
        model.Network.named_parameters().Select(p => p.name).Should().NotContain(n => n.EndsWith(".bias") && (n.StartsWith("selectors.") || n.StartsWith("mixers.")));
        predictions.Regression("a").Values.Should().Equal(recorded[0]);
        predictions.Regression("b").Values.Should().Equal(recorded[1]);
    }

    [Fact]
    public void Create_GatesHaveBiases_InitialisedAsInTheAuthorsCode()
    {
        using var model = MultiTaskModel.Create(Tasks, new DSelectKArchitecture { Expert = Trunks.Mlp(3, [2]), ExpertCount = 8, SelectorCount = 2, Gamma = 2 }, seed: 4);
        using var scope = torch.NewDisposeScope();
        var parameters = model.Network.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().abs().max().item<float>());

        // Selectors: uniform in ±γ/100 = ±0.02 (weights and biases); mixers: uniform in ±0.05.
        parameters["selectors.a.weight"].Should().BeLessThanOrEqualTo(0.02f);
        parameters["selectors.b.bias"].Should().BeLessThanOrEqualTo(0.02f);
        parameters["mixers.a.weight"].Should().BeInRange(0.02f, 0.05f);
        parameters["mixers.b.bias"].Should().BeLessThanOrEqualTo(0.05f);
    }
}
