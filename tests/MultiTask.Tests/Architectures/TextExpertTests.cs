using MultiTask.Architectures;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Weighting;
using TorchSharp;

namespace MultiTask.Tests.Architectures;

/// <summary>MMoE, CGC, PLE and DSelect-k with text-encoder experts on token input.</summary>
[Collection(TorchCollection.Name)]
public sealed class TextExpertTests : IDisposable
{
    private const int Vocabulary = Problems.TokenVocabulary;

    private static readonly TaskSpec[] Tasks = [TaskSpec.Binary("sentiment"), TaskSpec.Multiclass("topic", 3)];

    private readonly TempDirectory _dir = new();

    public static TheoryData<string> Types => ["mmoe", "cgc", "ple", "dselect-k"];

    public static TheoryData<string, string> LeakCombinations => new() { { "mmoe", "equal" }, { "mmoe", "mgda" }, { "ple", "equal" }, { "ple", "mgda" } };

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Mmoe_OneExpert_IsTheTextTrunkAndHeadWithTheSameWeights()
    {
        // With one expert every gate is softmax of one logit = 1, so MMoE is tower(expert(x)): hard sharing with that trunk and head.
        var text = Trunks.Text(Vocabulary, embeddingSize: 4, hiddenSize: 5);
        using var mmoe = MultiTaskModel.Create(Tasks, new MmoeArchitecture { Expert = text, ExpertCount = 1 }, seed: 1);
        using var plain = MultiTaskModel.Create(Tasks, text, seed: 2);
        var source = mmoe.Network.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var (name, parameter) in plain.Network.named_parameters())
        {
            string from = name.StartsWith("trunk.", StringComparison.Ordinal) ? $"experts.0.{name[6..]}" : $"towers.{name[6..]}";
            HandWeights.Set(plain, name, source[from].detach().data<float>().ToArray());
        }

        var (tokens, _, _) = Problems.TokenPresence(20, seed: 3);
        var ours = mmoe.Predict(tokens);
        var theirs = plain.Predict(tokens);

        ours.Binary("sentiment").Probabilities.Should().Equal(theirs.Binary("sentiment").Probabilities, (x, y) => Math.Abs(x - y) < 1e-6);
        ours.Multiclass("topic").Probabilities.SelectMany(p => p).Should().Equal(theirs.Multiclass("topic").Probabilities.SelectMany(p => p), (x, y) => Math.Abs(x - y) < 1e-6);
        plain.Network.named_parameters().Select(p => p.name).Should().Contain("trunk.embedding.weight", "the copy must have covered the trunk");
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void SaveLoad_OnTokenInput_GivesBitIdenticalWeightsPredictionsAndFile(string type)
    {
        using var data = Dataset(48, seed: 4);
        var path = _dir.File($"{type}.mtm");
        using var model = MultiTaskModel.Create(Tasks, Architecture(type), seed: 5);
        using (var trainer = Trainer(model, "equal", epochs: 1))
        {
            trainer.Fit(data);
        }

        model.Save(path);
        using var loaded = MultiTaskModel.Load(path);
        loaded.Save(_dir.File($"{type}-again.mtm"));

        HandWeights.All(loaded).Should().Equal(HandWeights.All(model));
        loaded.Architecture.ToString().Should().Be(model.Architecture.ToString()).And.Contain("gates on a bag of embeddings of width 3");
        loaded.Predict(data).Multiclass("topic").Probabilities.SelectMany(p => p).Should().Equal(model.Predict(data).Multiclass("topic").Probabilities.SelectMany(p => p));
        File.ReadAllBytes(_dir.File($"{type}-again.mtm")).Should().Equal(File.ReadAllBytes(path));
    }

    [Theory]
    [MemberData(nameof(LeakCombinations))]
    public void Fit_TextExperts_LeaksNoTensor_AndIsDeterministic(string type, string weighting)
    {
        using var data = Dataset(64, seed: 6);
        float[] first;
        using (var model = MultiTaskModel.Create(Tasks, Architecture(type), seed: 7))
        using (var trainer = Trainer(model, weighting))
        {
            Leak.AssertNone(() => trainer.Fit(data, data), $"{type} with {weighting}");
            Leak.AssertNone(() => model.Evaluate(data), "evaluation");
            first = HandWeights.All(model);
        }

        using var again = MultiTaskModel.Create(Tasks, Architecture(type), seed: 7);
        using (var trainer = Trainer(again, weighting))
        {
            trainer.Fit(data, data);
        }

        HandWeights.All(again).Should().Equal(first, "the same seeds give bit-identical weights");
    }

    [Fact]
    public void Checkpoint_TextMmoe_ResumedRunIsBitIdenticalToAnUninterruptedOne()
    {
        using var data = Dataset(48, seed: 8);
        using var straight = MultiTaskModel.Create(Tasks, Architecture("mmoe"), seed: 9);
        using (var trainer = Trainer(straight, "mgda"))
        {
            trainer.Fit(data);
        }

        var path = _dir.File("text-mmoe.ckpt");
        using (var model = MultiTaskModel.Create(Tasks, Architecture("mmoe"), seed: 9))
        using (var trainer = Trainer(model, "mgda", epochs: 1))
        {
            trainer.Fit(data);
            trainer.SaveCheckpoint(path);
        }

        using var resumed = MultiTaskModel.Create(Tasks, Architecture("mmoe"), seed: 10);
        using (var trainer = Trainer(resumed, "mgda", epochs: 1))
        {
            trainer.LoadCheckpoint(path);
            trainer.Fit(data);
        }

        HandWeights.All(resumed).Should().Equal(HandWeights.All(straight));
    }

    [Fact]
    public void Fit_TextMmoe_LearnsBothTasksWellBeyondTheMajorityClass()
    {
        using var data = Dataset(400, seed: 11);
        var split = data.TrainTestSplit(0.25, seed: 12);
        var architecture = new MmoeArchitecture { Expert = Trunks.Text(Vocabulary, embeddingSize: 8, hiddenSize: 16), ExpertCount = 2, GateEmbeddingSize = 4 };
        using var model = MultiTaskModel.Create(Tasks, architecture, seed: 13);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 25, BatchSize = 32, LearningRate = 1e-2, Seed = 14, Threads = 1 });
        int threads = torch.get_num_threads();
        EvaluationReport report;
        try
        {
            trainer.Fit(split.Train);
            report = model.Evaluate(split.Test);
        }
        finally
        {
            torch.set_num_threads(threads);
        }

        // Each label is decided by one token of the row. The majority-class baseline is the largest label share of the
        // test rows; a working model gets (nearly) every row, so ask for at least 0.9 and at least 0.3 above the baseline.
        foreach (var task in Tasks)
        {
            double majority = split.Test.GetValues(task.Name).GroupBy(v => v).Max(g => g.Count()) / (double)split.Test.RowCount;
            report[task.Name][MetricNames.Accuracy].Should().BeGreaterThanOrEqualTo(Math.Max(0.9, majority + 0.3), "task '{0}' has a majority share of {1}", task.Name, majority);
        }
    }

    [Fact]
    public void InconsistentExperts_AreRefusedNamingThePropertyLevelAndExpectedInput()
    {
        var text = Trunks.Text(10, embeddingSize: 4, hiddenSize: 8);
        var level1 = () => new PleArchitecture { Experts = [Trunks.Mlp(4, [8]), text] };
        level1.Should().Throw<ArgumentException>().WithMessage("PleArchitecture.Experts[1] must take features (level 1 reads level 0's expert outputs; only level 0 may be a text encoder); got Text(vocabulary 10 → embedding 4 → LSTM 8), which takes Tokens.*");
        var width = () => new PleArchitecture { Experts = [text, Trunks.Mlp(6, [4])] };
        width.Should().Throw<ArgumentException>().WithMessage("PleArchitecture.Experts[1] takes 6 features but level 0's experts give 8*");
        var custom = () => new MmoeArchitecture { Expert = Trunks.Custom("seq", InputKind.Tokens, null, 4, () => torch.nn.Identity()) };
        custom.Should().Throw<ArgumentException>().WithMessage("MmoeArchitecture.Expert must take features or be a text encoder from Trunks.Text*Custom('seq', Tokens → 4)*Tokens*");
        var size = () => new CgcArchitecture { Expert = text, GateEmbeddingSize = 0 };
        size.Should().Throw<ArgumentOutOfRangeException>().WithMessage("CgcArchitecture.GateEmbeddingSize must be in [1, 16,777,216]; got 0.*");

        using var tokens = Dataset(8, seed: 15);
        using var features = MultiTaskDataset.FromArrays(new float[8, 4], Tasks, [TaskTargets.FromLabels(new int[8]), TaskTargets.FromLabels(new int[8])]);
        using var textPle = MultiTaskModel.Create(Tasks, new PleArchitecture { Experts = [text, Trunks.Mlp(8, [4])] }, seed: 16);
        using var featureMmoe = MultiTaskModel.Create(Tasks, new MmoeArchitecture { Expert = Trunks.Mlp(4, [3]), ExpertCount = 2 }, seed: 17);
        var textOnFeatures = () => textPle.Evaluate(features);
        textOnFeatures.Should().Throw<ArgumentException>().WithMessage("PleArchitecture.Experts[0] (Text(vocabulary 10 → embedding 4 → LSTM 8)) at level 0 takes Tokens input, but the dataset holds Features.*");
        var featuresOnTokens = () => featureMmoe.Evaluate(tokens);
        featuresOnTokens.Should().Throw<ArgumentException>().WithMessage("MmoeArchitecture.Expert (Mlp(4 → 3, ReLU)) takes Features input, but the dataset holds Tokens.*");
    }

    /// <summary>Each architecture with text experts over the token problem's vocabulary, small enough to train in a moment.</summary>
    internal static ArchitectureSpec Architecture(string type)
    {
        var text = Trunks.Text(Vocabulary, embeddingSize: 4, hiddenSize: 5);
        return type switch
        {
            "mmoe" => new MmoeArchitecture { Expert = text, ExpertCount = 2, GateEmbeddingSize = 3, Tower = Heads.Mlp([4]) },
            "cgc" => new CgcArchitecture { Expert = text, GateEmbeddingSize = 3 },
            "ple" => new PleArchitecture { Experts = [text, Trunks.Mlp(5, [4])], GateEmbeddingSize = 3 },
            "dselect-k" => new DSelectKArchitecture { Expert = text, ExpertCount = 2, SelectorCount = 1, GateEmbeddingSize = 3 },
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a text architecture"),
        };
    }

    private static MultiTaskTrainer Trainer(MultiTaskModel model, string weighting, int epochs = 2)
        => new(model, new TrainerOptions { Epochs = epochs, BatchSize = 16, Seed = 3, Threads = 1 }, weighting == "mgda" ? Weightings.Mgda() : Weightings.Equal());

    private static MultiTaskDataset Dataset(int rows, int seed)
    {
        var (tokens, sentiment, topic) = Problems.TokenPresence(rows, seed);
        return MultiTaskDataset.FromTokens(tokens, Tasks, [TaskTargets.FromLabels(sentiment), TaskTargets.FromLabels(topic)]);
    }
}
