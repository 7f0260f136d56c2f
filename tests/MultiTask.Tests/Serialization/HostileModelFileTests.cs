using System.Buffers.Binary;
using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;

namespace MultiTask.Tests.Serialization;

/// <summary>
/// Model files edited with their checksum recomputed: every edit is a <see cref="ModelFileException"/> naming the file
/// and the field (or weight entry) at fault, raised before anything of the described size is allocated or built.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class HostileModelFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _original;

    public HostileModelFileTests()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("price"), TaskSpec.Multiclass("segment", 3)], Trunks.Mlp(3, [4], normalization: Normalization.BatchNorm), Heads.Mlp([2]), seed: 1);
        _original = _dir.File("original.mtm");
        model.Save(_original);
    }

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> DescriptionEdits => new()
    {
        // JSON path = new value (JSON text; "DELETE" removes the field), and the culprit the message must name.
        { "trunk.hiddenSizes[0]=2000000000", "'trunk.hiddenSizes[0]' is 2000000000; it must be in [1, 16777216]" },
        { "trunk.inputSize=-3", "'trunk.inputSize' is -3; it must be in [1, 16777216]" },
        { "tasks[1].classCount=10000000", "the description needs at least * float32 weights*but the weight data has * bytes" },
        { "tasks[1].classCount=null", "'tasks[1].classCount' is null; it needs a value" },
        { "tasks[0].name=null", "'tasks[0].name' is null; it needs a value" },
        { "trunk=null", "'trunk' is null; it needs a value" },
        { "tasks=null", "'tasks' is null; it needs a value" },
        { "heads[0]=null", "'heads[0]' must be an object; it is null or missing" },
        { "trunk.hiddenSizes=\"4\"", "'trunk.hiddenSizes' must be an array; it is string" },
        { "trunk.hiddenSizes[0]=4.5", "'trunk.hiddenSizes[0]' must be an integer; it is number" },
        { "trunk.dropout=\"0\"", "'trunk.dropout' must be a number; it is string" },
        { "trunk.dropout=1.5", "'trunk.dropout' is 1.5; it must be a finite number in [0, 1]" },
        { "tasks[0].focalGamma=true", "'tasks[0].focalGamma' must be a number; it is true" },
        { "trunk.unexpected=1", "'trunk.unexpected' is not a field this library knows" },
        { "extra={}", "'extra' is not a field this library knows" },
        { "heads[1].width=3", "'heads[1].width' is not a field this library knows" },
        { "trunk.normalization=DELETE", "'trunk.normalization' is missing" },
        { "tasks[0].loss=DELETE", "'tasks[0].loss' is missing" },
        { "heads=DELETE", "'heads' is missing" },
        { "library=\"Other\"", "'library' is 'Other'; a MultiTask model file says 'MultiTask'" },
        { "tasks=[]", "'tasks' is empty" },
        { "heads=[]", "'heads' has 0 items but 'tasks' has 2" },
        { "trunk.normalization=\"Sparkle\"", "normalization' is not a valid Normalization" },
        { "tasks[0].kind=\"Ranking\"", "'tasks[0].kind' is not a valid TaskKind: 'Ranking'; the valid values are 'Regression', *" },
        { "tasks[0].loss=\"L7\"", "'tasks[0].loss' is not a valid LossFunction: 'L7'" },
        { "heads[0].activation=\"5\"", "'heads[0].activation' is not a valid Activation: '5'" },
        { "trunk.hiddenSizes=[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50]", "the description needs at least * float32 weights*" },
        { "tasks[1].classWeights=[1,2]", "'tasks[1].classWeights' has 2 items but 'tasks[1].classCount' is 3" },
        { "tasks[1].classWeights=[1,-2,1]", "'tasks[1].classWeights[1]' is -2; it must be a finite number in [0, *]" },
        { "preprocessing=5", "'preprocessing' must be an object; it is number" },
        { "checkpoint={\"epochsCompleted\":1}", "'checkpoint.steps' is missing" },
    };

    [Theory]
    [MemberData(nameof(DescriptionEdits))]
    public void EditedDescription_IsAModelFileException_NamingFileAndField(string edit, string culprit)
    {
        var file = ModelFileBytes.Read(_original);
        Apply(file.Description, edit);
        string path = _dir.File("edited.mtm");
        file.Write(path);

        var act = () => MultiTaskModel.Load(path);

        act.Should().Throw<ModelFileException>().WithMessage($"Model file '{path}' *{culprit}*");
    }

    [Fact]
    public void TextTrunkOf10000Layers_IsRefusedAtOnce()
    {
        using var text = MultiTaskModel.Create([TaskSpec.Binary("spam")], Trunks.Text(20, embeddingSize: 2, hiddenSize: 2), seed: 1);
        string path = _dir.File("text.mtm");
        text.Save(path);
        var file = ModelFileBytes.Read(path);
        file.Description["trunk"]!["layers"] = 10_000;
        file.Write(path);

        var act = () => MultiTaskModel.Load(path);

        act.Should().Throw<ModelFileException>().WithMessage($"Model file '{path}' *'trunk.layers' is 10000; it must be in [1, 64]*");
    }

    [Fact]
    public void DuplicateKey_IsAModelFileException()
    {
        var file = ModelFileBytes.Read(_original);
        file.RawJson = file.Description.ToJsonString().Replace("\"library\":\"MultiTask\"", "\"library\":\"MultiTask\",\"library\":\"MultiTask\"", StringComparison.Ordinal);
        string path = _dir.File("dup.mtm");
        file.Write(path);

        var act = () => MultiTaskModel.Load(path);

        act.Should().Throw<ModelFileException>().WithMessage($"*'{path}'*");
    }

    public static TheoryData<string, string> WeightEdits => new()
    {
        { "nan", "weight 'trunk.linear0.weight' holds NaN at index 0; weights must be finite" },
        { "infinity", "weight 'trunk.linear0.weight' holds Infinity at index 0; weights must be finite" },
        { "rank", "weight 'trunk.linear0.weight' has rank 100; the architecture needs shape [4, 3]" },
        { "hugeRank", "the rank of 'trunk.linear0.weight' is not a valid number in the weight data" },
        { "dimension", "weight 'trunk.linear0.weight' has size 5 in dimension 0; the architecture needs shape [4, 3]" },
        { "name", "the weights hold an entry 'trunk.linear0.weighX' that the architecture does not have" },
        { "count", "the weights hold 16 entries; the architecture has 15" },
        { "trailing", "4 bytes follow the last weight entry" },
        { "cut", "the values of weight 'trunk.norm0.num_batches_tracked' (8 bytes) run past the end of the weight data" },
    };

    [Theory]
    [MemberData(nameof(WeightEdits))]
    public void EditedWeights_AreAModelFileException_NamingTheEntry(string edit, string culprit)
    {
        var file = ModelFileBytes.Read(_original);
        var blob = file.Blobs[0];
        // Layout (see StateDictCheck): count 15, then "trunk.linear0.weight" (20 bytes after its length byte), dtype 6, rank 2, 4, 3, then 12 floats.
        int name = 2, dtype = name + 20, values = dtype + 4;
        file.Blobs[0] = edit switch
        {
            "nan" => Patch(blob, values, BitConverter.GetBytes(float.NaN)),
            "infinity" => Patch(blob, values, BitConverter.GetBytes(float.PositiveInfinity)),
            "rank" => Patch(blob, dtype + 1, [100]),
            "hugeRank" => Patch(blob, dtype + 1, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]),
            "dimension" => Patch(blob, dtype + 2, [5]),
            "name" => Patch(blob, name + 19, "X"u8.ToArray()),
            "count" => Patch(blob, 0, [16]),
            "trailing" => [.. blob, 1, 2, 3, 4],
            _ => blob[..^3],
        };
        blob[1].Should().Be(20, "the first entry's name is 'trunk.linear0.weight'");
        string path = _dir.File("weights.mtm");
        file.Write(path);

        var act = () => MultiTaskModel.Load(path);

        act.Should().Throw<ModelFileException>().WithMessage($"Model file '{path}' holds weights that do not match the architecture: {culprit}*");
    }

    [Fact]
    public void SecondWeightsBlob_IsRejected()
    {
        var file = ModelFileBytes.Read(_original);
        file.Blobs.Add(file.Blobs[0]);
        string path = _dir.File("two.mtm");
        file.Write(path);

        var act = () => MultiTaskModel.Load(path);

        act.Should().Throw<ModelFileException>().WithMessage($"Model file '{path}' *the file holds 2 data blobs; a model file holds 1 (the weights)*");
    }

    [Fact]
    public void TrailingBytesBeforeTheChecksum_AreRejected()
    {
        string path = _dir.File("trailing.mtm");
        ModelFileBytes.Read(_original).Write(path, trailing: [0, 0, 0, 0, 0, 0, 0, 0]);

        var act = () => MultiTaskModel.Load(path);

        act.Should().Throw<ModelFileException>().WithMessage($"Model file '{path}' is truncated or corrupted: its sections do not fit its * bytes.");
    }

    [Fact]
    public void Directory_IsNamedAsADirectory()
    {
        var act = () => MultiTaskModel.Load(_dir.Path);

        act.Should().Throw<ModelFileException>().WithMessage($"Model file path '{_dir.Path}' is a directory, not a file.");
    }

    public static TheoryData<string, string> CheckpointEdits => new()
    {
        { "epochsCompleted=-1", "'checkpoint.epochsCompleted' is -1; it must be in [0, 100000000]" },
        { "epochsCompleted=1e12", "'checkpoint.epochsCompleted' must be an integer; it is number" },
        { "steps=-5", "'checkpoint.steps' is -5; it must be in [0, 9007199254740992]" },
        { "steps=\"3\"", "'checkpoint.steps' must be an integer; it is string" },
        { "lossHistory=[[1,2]]", "'checkpoint.lossHistory' has 1 epochs but 'checkpoint.epochsCompleted' is 0" },
        { "weighting=null", "'checkpoint.weighting' is null; it needs a value" },
        { "surprise=true", "'checkpoint.surprise' is not a field this library knows" },
    };

    [Theory]
    [MemberData(nameof(CheckpointEdits))]
    public void EditedCheckpoint_IsAModelFileException_NamingTheField(string edit, string culprit)
    {
        var (model, trainer, path) = Checkpoint();
        using (model)
        using (trainer)
        {
            var file = ModelFileBytes.Read(path);
            Apply(file.Description, "checkpoint." + edit);
            file.Write(path);

            var act = () => trainer.LoadCheckpoint(path);

            act.Should().Throw<ModelFileException>().WithMessage($"Model file '{path}' *{culprit}*");
        }
    }

    [Fact]
    public void CheckpointOfAnotherOptimiser_NamesTheFileAndBothOptimisers()
    {
        var (model, trainer, path) = Checkpoint();
        using (model)
        using (trainer)
        using (var sgd = new MultiTaskTrainer(model, new TrainerOptions { Optimizer = OptimizerKind.Sgd }))
        {
            var act = () => sgd.LoadCheckpoint(path);

            act.Should().Throw<ModelFileException>().WithMessage($"Checkpoint '{path}' has trainer state that does not fit this trainer: the optimiser state is Adam's, but this trainer uses Sgd*");
        }
    }

    [Fact]
    public void CheckpointWithNegativeOptimiserStep_OrTrailingOptimiserBytes_IsRejected()
    {
        var (model, trainer, path) = Checkpoint();
        using (model)
        using (trainer)
        {
            var file = ModelFileBytes.Read(path);
            var state = file.Blobs[1];
            // The optimiser state: string "MultiTask.Optimizer" (1 + 19 bytes), int32 version, string kind "Adam" (1 + 4), int32 count, int32 slots, then parameter 0's int64 step count.
            int step = 20 + 4 + 5 + 4 + 4;
            file.Blobs[1] = Patch(state, step, BitConverter.GetBytes(-7L));
            file.Write(path);
            var negative = () => trainer.LoadCheckpoint(path);
            negative.Should().Throw<ModelFileException>().WithMessage($"Checkpoint '{path}' *parameter 0 a step count of -7*");

            file.Blobs[1] = [.. state, 9, 9];
            file.Write(path);
            var trailing = () => trainer.LoadCheckpoint(path);
            trailing.Should().Throw<ModelFileException>().WithMessage($"Checkpoint '{path}' *2 bytes follow the optimiser state*");
        }
    }

    private (MultiTaskModel Model, MultiTaskTrainer Trainer, string Path) Checkpoint()
    {
        var model = MultiTaskModel.Create([TaskSpec.Regression("y")], Trunks.Mlp(2, [3]), seed: 1);
        var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 1, BatchSize = 4 });
        using (var data = MultiTaskDataset.FromArrays(new float[,] { { 1, 2 }, { 3, 4 }, { 5, 6 }, { 7, 8 } }, model.Tasks, [new[] { 1f, 2f, 3f, 4f }]))
        {
            trainer.Fit(data);
        }

        string path = _dir.File("checkpoint.mtc");
        trainer.SaveCheckpoint(path);
        var file = ModelFileBytes.Read(path);
        file.Description["checkpoint"]!["epochsCompleted"] = 0; // lets the lossHistory row count edits fail on their own
        file.Description["checkpoint"]!["lossHistory"] = new JsonArray();
        file.Write(path);
        return (model, trainer, path);
    }

    private static byte[] Patch(byte[] blob, int at, byte[] bytes)
    {
        var copy = (byte[])blob.Clone();
        bytes.CopyTo(copy, at);
        return copy;
    }

    /// <summary>Applies "a.b[1].c=JSON" or "a.b=DELETE" to the description; several edits are separated by ';'.</summary>
    internal static void Apply(JsonObject root, string edit)
    {
        if (edit.Contains(';', StringComparison.Ordinal))
        {
            foreach (var part in edit.Split(';'))
            {
                Apply(root, part);
            }

            return;
        }

        int equals = edit.IndexOf('=', StringComparison.Ordinal);
        string path = edit[..equals], value = edit[(equals + 1)..];
        var parts = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        JsonNode parent = root;
        for (int i = 0; i < parts.Length - 1; i++)
        {
            parent = parts[i].StartsWith('[') ? parent[int.Parse(parts[i][1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : parent[parts[i]]!;
        }

        string last = parts[^1];
        var node = value is "null" or "DELETE" ? null : JsonNode.Parse(value);
        if (last.StartsWith('['))
        {
            ((JsonArray)parent)[int.Parse(last[1..^1], System.Globalization.CultureInfo.InvariantCulture)] = node;
        }
        else if (value == "DELETE")
        {
            ((JsonObject)parent).Remove(last);
        }
        else
        {
            parent[last] = node;
        }
    }
}
