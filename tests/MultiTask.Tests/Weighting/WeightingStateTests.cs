using System.Text.Json.Nodes;
using MultiTask.Tests.TestUtilities;
using MultiTask.Weighting;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Tests.Weighting;

/// <summary>The run state every method keeps its buffers, counters and learned values in, and its one JSON form.</summary>
[Collection(TorchCollection.Name)]
public sealed class WeightingStateTests
{
    [Fact]
    public void ToJson_Load_RoundTripsEveryKindOfEntryExactly()
    {
        using var saved = NewState();
        saved.Vector("v")[1] = 0.1 + 0.2;
        saved.Matrix("m", initial: 0.5)[0, 1] = -1.0 / 3;
        saved.Increment("n");
        saved.Increment("n");
        using (var scope = NewDisposeScope())
        {
            saved.SetBuffer("b", torch.tensor(new[] { 1.1f, 2.2f, 3.3f, 4.4f }).reshape(2, 2));
        }

        using (torch.no_grad())
        {
            saved.Learned("s").copy_(torch.tensor(new[] { 0.7f, -0.3f }));
        }

        var text = saved.ToJson().ToJsonString();
        using var loaded = NewState();
        loaded.Load((JsonObject)JsonNode.Parse(text)!);

        text.Should().StartWith("""{"vectors":{"v":[0,0.30000000000000004]},"matrices":{"m":[[0.5,-0.3333333333333333],[0.5,0.5]]},"counters":{"n":2},"buffers":{"b":{"shape":[2,2],""");
        loaded.Vector("v").Should().Equal(0.0, 0.1 + 0.2);
        loaded.Matrix("m")[0, 1].Should().Be(-1.0 / 3);
        loaded.Counter("n").Should().Be(2);
        using var scope2 = NewDisposeScope();
        loaded.FindBuffer("b")!.data<float>().ToArray().Should().Equal(1.1f, 2.2f, 3.3f, 4.4f);
        loaded.LearnedValues("s").Should().Equal(0.7f, -0.3f);
    }

    [Fact]
    public void Load_VectorOfAnotherLength_IsRefusedNamingTheEntry_AndLeavesTheStateUnchanged()
    {
        using var state = NewState();
        state.Vector("v")[0] = 5;
        var json = new JsonObject { ["vectors"] = new JsonObject { ["v"] = new JsonArray(1.0, 2.0, 3.0) } };

        var act = () => state.Load(json);

        act.Should().Throw<FormatException>().WithMessage("M state 'v' has 3 values; the trainer has 2 tasks.");
        state.Vector("v").Should().Equal(5.0, 0.0);
    }

    [Fact]
    public void Load_StateOfAnOlderForm_IsRefusedNamingTheEntry()
    {
        using var state = NewState();

        var act = () => state.Load(new JsonObject { ["logits"] = new JsonArray(0.0, 0.0) });

        act.Should().Throw<FormatException>().WithMessage("M state 'logits' must be a known entry group*older version*");
    }

    [Fact]
    public void Buffer_OfAnotherShape_IsRefused()
    {
        using var state = NewState();
        using var scope = NewDisposeScope();
        state.Buffer("b", torch.zeros(2, 3));

        var act = () => state.Buffer("b", torch.zeros(2, 4));

        act.Should().Throw<InvalidOperationException>().WithMessage("M keeps 'b' of shape [2, 3], but this step's tensor has shape [2, 4]*");
    }

    [Fact]
    public void Dispose_FreesBuffersAndLearnedVectors()
    {
        Leak.AssertNone(
            () =>
            {
                using var state = NewState();
                using var scope = NewDisposeScope();
                var buffer = state.Buffer("b", torch.ones(2, 3));
                state.SetBuffer("b", buffer.add(1));
            },
            "the state owns its tensors");
    }

    private static WeightingState NewState() => new Learner().CreateState(LossWeightingTests.Setup(2));

    /// <summary>A method whose only job is to own a learnable vector "s".</summary>
    private sealed class Learner : LossWeighting
    {
        public override string Name => "M";

        public override LossCombination Combine(LossWeightingContext context) => LossCombination.FromWeights(context, [1, 1]);

        protected override void InitializeState(WeightingState state) => state.AddLearned("s", 0.0);
    }
}
