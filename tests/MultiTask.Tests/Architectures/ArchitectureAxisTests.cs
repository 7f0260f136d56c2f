using System.Text.Json.Nodes;
using MultiTask.Architectures;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Weighting;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Tests.Architectures;

[Collection(TorchCollection.Name)]
public sealed class ArchitectureAxisTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public static TheoryData<string, string> Combinations()
    {
        var data = new TheoryData<string, string>();
        foreach (var architecture in Architectures.Keys)
        {
            data.Add(architecture, "equal");
            data.Add(architecture, "mgda");
        }

        return data;
    }

    private static readonly Dictionary<string, Func<ArchitectureSpec>> Architectures = new()
    {
        ["hard-sharing"] = () => new HardSharingArchitecture { Trunk = Trunks.Mlp(4, [8], dropout: 0.1), Head = Heads.Mlp([4]) },
        ["mmoe"] = () => new MmoeArchitecture { Expert = Trunks.Mlp(4, [6]), ExpertCount = 3, Tower = Heads.Mlp([4]) },
        ["cgc"] = () => new CgcArchitecture { Expert = Trunks.Mlp(4, [6]), SharedExpertCount = 2 },
        ["ple"] = () => new PleArchitecture { Experts = [Trunks.Mlp(4, [6]), Trunks.Mlp(6, [5], normalization: Normalization.BatchNorm)] },
        ["dselect-k"] = () => new DSelectKArchitecture { Expert = Trunks.Mlp(4, [6]), ExpertCount = 4, SelectorCount = 2 },
        ["cross-stitch"] = () => new CrossStitchArchitecture { Tower = Trunks.Mlp(4, [8, 6]) },
        ["soft-sharing"] = () => new SoftSharingArchitecture { Tower = Trunks.Mlp(4, [8]), Strength = 0.01 },
    };

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Fit_LeaksNoTensor_IsDeterministic_AndSaveLoadGivesIdenticalPredictions(string architecture, string weighting)
    {
        var (x, tasks, targets) = Problems.ThreeTasks(96, seed: 1);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        float[] first;
        using (var model = MultiTaskModel.Create(tasks, Architectures[architecture](), seed: 2))
        {
            using var trainer = Trainer(model, weighting);
            Leak.AssertNone(() => trainer.Fit(data, data), $"{architecture} with {weighting}");
            first = HandWeights.All(model);
            var path = _dir.File($"{architecture}.mtm");
            model.Save(path);
            using var loaded = MultiTaskModel.Load(path);
            var before = model.Predict(x);
            var after = loaded.Predict(x);
            after.Regression("value").Values.Should().Equal(before.Regression("value").Values);
            after.Binary("sign").Probabilities.Should().Equal(before.Binary("sign").Probabilities);
            after.Multiclass("band").Probabilities.Should().BeEquivalentTo(before.Multiclass("band").Probabilities, o => o.WithStrictOrdering());
            loaded.Architecture.Type.Should().Be(architecture);
            loaded.Architecture.ToString().Should().Be(model.Architecture.ToString());
        }

        using var again = MultiTaskModel.Create(tasks, Architectures[architecture](), seed: 2);
        using (var trainer = Trainer(again, weighting))
        {
            trainer.Fit(data, data);
        }

        HandWeights.All(again).Should().Equal(first, "the same seeds give bit-identical weights");
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Checkpoint_ResumedRun_IsBitIdenticalToAnUninterruptedOne(string architecture, string weighting)
    {
        var (x, tasks, targets) = Problems.ThreeTasks(64, seed: 10);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var straight = MultiTaskModel.Create(tasks, Architectures[architecture](), seed: 11);
        using (var trainer = Trainer(straight, weighting))
        {
            trainer.Fit(data); // epochs 1 and 2
        }

        var path = _dir.File($"{architecture}-{weighting}.ckpt");
        using (var model = MultiTaskModel.Create(tasks, Architectures[architecture](), seed: 11))
        using (var trainer = Trainer(model, weighting, epochs: 1))
        {
            trainer.Fit(data);
            trainer.SaveCheckpoint(path);
        }

        using var resumed = MultiTaskModel.Create(tasks, Architectures[architecture](), seed: 12);
        using (var trainer = Trainer(resumed, weighting, epochs: 1))
        {
            trainer.LoadCheckpoint(path);
            trainer.Fit(data); // epoch 2
        }

        HandWeights.All(resumed).Should().Equal(HandWeights.All(straight));
    }

    [Fact]
    public void Checkpoint_OfAnotherArchitecture_IsRefused()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(32, seed: 13);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        var path = _dir.File("mmoe.ckpt");
        using (var model = MultiTaskModel.Create(tasks, Architectures["mmoe"](), seed: 14))
        using (var trainer = Trainer(model, "equal", epochs: 1))
        {
            trainer.Fit(data);
            trainer.SaveCheckpoint(path);
        }

        using var other = MultiTaskModel.Create(tasks, Architectures["dselect-k"](), seed: 14);
        using var resumed = Trainer(other, "equal", epochs: 1);

        var act = () => resumed.LoadCheckpoint(path);

        act.Should().Throw<ModelFileException>().WithMessage("Checkpoint '*mmoe.ckpt' was made for another model: its architecture differ*");
    }

    [Fact]
    public void HardSharingArchitecture_IsBitIdenticalToTrunkAndHeads_InWeightsAndFile()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(80, seed: 3);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        var bandHead = new Dictionary<string, HeadSpec> { ["band"] = Heads.Mlp([5]) };
        using var classic = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), Heads.Linear(), bandHead, seed: 4);
        using var axis = MultiTaskModel.Create(tasks, new HardSharingArchitecture { Trunk = Trunks.Mlp(4, [8]), TaskHeads = bandHead }, seed: 4);
        foreach (var model in new[] { classic, axis })
        {
            using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2, BatchSize = 16, Seed = 5 }, Weightings.Mgda());
            trainer.Fit(data);
        }

        HandWeights.All(axis).Should().Equal(HandWeights.All(classic));
        classic.Save(_dir.File("classic.mtm"));
        axis.Save(_dir.File("axis.mtm"));
        File.ReadAllBytes(_dir.File("axis.mtm")).Should().Equal(File.ReadAllBytes(_dir.File("classic.mtm")));
        axis.Trunk.ToString().Should().Be("Mlp(4 → 8, ReLU)");
        axis.HeadSpecs.Select(h => h.ToString()).Should().Equal("Linear(in → out)", "Linear(in → out)", "Mlp(in → 5 → out, ReLU)");
    }

    [Fact]
    public void OtherArchitectures_HaveNoTrunk_AndSummarizeTheirComponents()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("a"), TaskSpec.Binary("b")], new MmoeArchitecture { Expert = Trunks.Mlp(3, [4]), ExpertCount = 2 }, seed: 6);

        var trunk = () => model.Trunk;
        trunk.Should().Throw<InvalidOperationException>().WithMessage("*Mmoe(2 experts Mlp(3 → 4, ReLU), towers Linear(in → out))*no single shared trunk*");
        model.HeadSpecs.Should().BeEmpty();
        model.ToString().Should().Be("MultiTaskModel(tasks: a (Regression), b (Binary); architecture: Mmoe(2 experts Mlp(3 → 4, ReLU), towers Linear(in → out)); 54 parameters)");
        // Experts 2 × (3·4 + 4) = 32; per task: gate 3·2 = 6, tower 4 + 1 = 5.
        model.Summary().Should().Contain("experts.0 (Sequential)").And.Contain("Shared parameters: 32").And.Contain("Parameters of task 'b': 11").And.Contain("Total parameters: 54");
    }

    [Fact]
    public void UserArchitecture_RegisteredByType_RoundTripsThroughTheModelFile()
    {
        ArchitectureRegistry.Register(SeparateLinear.TypeName, json => new SeparateLinear(json["width"]!.GetValue<int>()));
        var tasks = new[] { TaskSpec.Regression("a"), TaskSpec.Regression("b") };
        using var model = MultiTaskModel.Create(tasks, new SeparateLinear(3), seed: 7);
        var x = Problems.Features(5, 3, seed: 8);
        var path = _dir.File("user.mtm");

        model.Save(path);
        using var loaded = MultiTaskModel.Load(path);

        loaded.Architecture.Should().BeOfType<SeparateLinear>();
        loaded.Predict(x).Regression("b").Values.Should().Equal(model.Predict(x).Regression("b").Values);
        model.SharedParameters.Should().BeEmpty("every parameter belongs to one task");
    }

    [Fact]
    public void Load_UnregisteredArchitectureType_NamesItAndTheRegistry()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("a")], new SeparateLinear(2, type: "not-registered-anywhere"), seed: 9);
        var path = _dir.File("unknown.mtm");
        model.Save(path);

        var act = () => MultiTaskModel.Load(path);

        act.Should().Throw<ModelFileException>().WithMessage("*unknown.mtm*Unknown architecture type 'not-registered-anywhere'*ArchitectureRegistry.Register*");
    }

    public void Dispose() => _dir.Dispose();

    private static MultiTaskTrainer Trainer(MultiTaskModel model, string weighting, int epochs = 2)
        => new(model, new TrainerOptions { Epochs = epochs, BatchSize = 32, Seed = 3, Threads = 1 }, weighting == "mgda" ? Weightings.Mgda() : Weightings.Equal());

    /// <summary>A user architecture: one linear map per task from the input, nothing shared.</summary>
    private sealed class SeparateLinear(int width, string type = SeparateLinear.TypeName) : ArchitectureSpec
    {
        internal const string TypeName = "test-separate-linear";

        public override string Type => type;

        public override InputKind InputKind => InputKind.Features;

        public override int? InputWidth => width;

        public override MultiTaskNetwork Build(IReadOnlyList<TaskSpec> tasks, ModuleFactories? factories) => new Network(width, tasks.Count);

        public override JsonObject ToJson() => new() { ["width"] = width };

        public override string ToString() => $"SeparateLinear({width})";

        private sealed class Network : MultiTaskNetwork
        {
            private readonly ModuleList<Linear> _maps;

            internal Network(int width, int tasks)
                : base(nameof(SeparateLinear))
            {
                _maps = nn.ModuleList(Enumerable.Range(0, tasks).Select(_ => nn.Linear(width, 1)).ToArray());
                RegisterComponents();
            }

            public override IReadOnlyList<Parameter> TaskParameters(int task) => _maps[task].parameters().ToArray();

            public override Tensor[] forward(Tensor input) => _maps.Select(m => m.call(input)).ToArray();
        }
    }
}
