using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Safetensors;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Transfer;
using TorchSharp;

namespace MultiTask.Tests.Transfer;

/// <summary>Interop with PyTorch through the fixtures of tests/reference/safetensors_interop.py (python3-torch 1.13).</summary>
[Collection(TorchCollection.Name)]
public sealed class ModuleWeightsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    /// <summary>The library's twin of the script's Net: Mlp(4 → 8 → 6) with BatchNorm, linear heads price (1) and kind (3).</summary>
    internal static MultiTaskModel TwinOfTorchNet(int inputs = 4, int seed = 5) => MultiTaskModel.Create(
        [TaskSpec.Regression("price"), TaskSpec.Multiclass("kind", 3)],
        Trunks.Mlp(inputs, [8, 6], normalization: Normalization.BatchNorm),
        seed: seed);

    [Fact]
    public void Export_NamesEveryParameterAndBufferAsPyTorchDoes()
    {
        using var model = TwinOfTorchNet();
        var path = _dir.File("model.safetensors");

        model.ExportSafetensors(path);

        // PyTorch's state_dict() names of the same structure, in PyTorch's order, BatchNorm buffers included.
        SafetensorsFile.Read(path).Tensors.Select(t => t.Name).Should().Equal(TorchReference.Names("model_names"));
    }

    [Fact]
    public void ImportStrict_PyTorchModel_GivesPyTorchsOutputs()
    {
        using var model = TwinOfTorchNet();

        var report = model.ImportWeights(TorchReference.File("torch_model.safetensors"), new WeightImportOptions { Strict = true });

        report.Loaded.Should().Equal(TorchReference.Names("model_names"));
        report.Missing.Should().BeEmpty();
        report.Unexpected.Should().BeEmpty();
        var outputs = EvalOutputs(model, TorchReference.Inputs);
        ShouldBeClose(outputs[0], TorchReference.Matrix("price_outputs"));
        ShouldBeClose(outputs[1], TorchReference.Matrix("kind_outputs"));
    }

    [Fact]
    public void Import_PositionalPyTorchTrunk_LoadsOnlyTheTrunk_AndGivesPyTorchsRepresentation()
    {
        using var model = TwinOfTorchNet();
        var heads = ((HardSharingNetwork)model.Network).Heads[1].parameters().Select(p => p.data<float>().ToArray()).ToArray();

        var report = model.ImportWeights(TorchReference.File("torch_trunk.safetensors"), new WeightImportOptions
        {
            Prefix = "trunk",
            NameMap = WeightNameMaps.FromSequentialPositions(((HardSharingNetwork)model.Network).Trunk, "trunk"),
        });

        report.Loaded.Should().Equal(TorchReference.Names("model_names").Where(n => n.StartsWith("trunk.", StringComparison.Ordinal)));
        report.Missing.Should().BeEmpty("the prefix limits the import to the trunk, so the heads are not missing");
        report.Unexpected.Should().BeEmpty();
        report.ToString().Should().StartWith("loaded 14: trunk.linear0.weight, trunk.linear0.bias, trunk.norm0.weight");
        model.Network.eval();
        using (torch.no_grad())
        using (var x = torch.tensor(TorchReference.Inputs))
        using (var z = model.Network.Encode(x))
        {
            ShouldBeClose(ToMatrix(z), TorchReference.Matrix("trunk_outputs"));
        }

        ((HardSharingNetwork)model.Network).Heads[1].parameters().Select(p => p.data<float>().ToArray()).Should().BeEquivalentTo(heads, o => o.WithStrictOrdering(), "fresh heads keep their values");
    }

    [Fact]
    public void Import_WithoutPrefix_ReportsTheHeadsAsMissing()
    {
        using var model = TwinOfTorchNet();

        var report = model.ImportWeights(TorchReference.File("torch_trunk.safetensors"), new WeightImportOptions
        {
            NameMap = WeightNameMaps.FromSequentialPositions(((HardSharingNetwork)model.Network).Trunk, "trunk"),
        });

        report.Missing.Should().Equal("heads.price.out.weight", "heads.price.out.bias", "heads.kind.out.weight", "heads.kind.out.bias");
        report.Loaded.Should().HaveCount(14);
    }

    [Fact]
    public void Import_UnmappedNames_AreUnexpected_AndStrictRefusesThem()
    {
        using var model = TwinOfTorchNet();
        var file = TorchReference.File("torch_trunk.safetensors");

        var report = model.ImportWeights(file);
        var strict = () => model.ImportWeights(file, new WeightImportOptions { Strict = true });

        report.Loaded.Should().BeEmpty();
        report.Unexpected.Should().HaveCount(14).And.Contain("0.weight");
        report.Missing.Should().HaveCount(18);
        strict.Should().Throw<ArgumentException>().WithMessage("*strict import: 18 entries of the module are missing*14 tensors of the file are unexpected (0.weight, 0.bias,*");
    }

    [Fact]
    public void Import_ShapeMismatch_NamesTheParameterAndBothShapes_AndChangesNothing()
    {
        using var model = TwinOfTorchNet(inputs: 5);
        var before = model.Network.state_dict().ToDictionary(e => e.Key, e => e.Value.clone());

        var act = () => model.ImportWeights(TorchReference.File("torch_trunk.safetensors"), new WeightImportOptions
        {
            NameMap = WeightNameMaps.FromSequentialPositions(((HardSharingNetwork)model.Network).Trunk, "trunk"),
        });

        act.Should().Throw<ArgumentException>().WithMessage(
            "Cannot load '*torch_trunk.safetensors' into the module (nothing was changed): '0.weight' (as 'trunk.linear0.weight') has shape [8, 4] in the file but [8, 5] in the module.*");
        foreach (var (name, value) in model.Network.state_dict())
        {
            using var same = value.eq(before[name]).all();
            same.item<bool>().Should().BeTrue($"{name} must be unchanged");
            before[name].Dispose();
        }
    }

    [Fact]
    public void Import_UnknownPrefix_ListsTheGroups()
    {
        using var model = TwinOfTorchNet();

        var act = () => model.ImportWeights(TorchReference.File("torch_model.safetensors"), new WeightImportOptions { Prefix = "trunks" });

        act.Should().Throw<ArgumentException>().WithMessage("The module has no entries under prefix 'trunks'; its groups are 'trunk', 'heads'.*");
    }

    [Fact]
    public void Import_IntegerTensorIntoFloatParameter_IsRefused()
    {
        using var model = TwinOfTorchNet();
        var content = new SafetensorsContent("ints", [new SafetensorsTensor("heads.price.out.bias", SafetensorsDType.I64, [1], new byte[8])]);

        var act = () => ModuleWeights.Import(model.Network, content);

        act.Should().Throw<ArgumentException>().WithMessage("*'heads.price.out.bias' is I64 in the file but Float32 in the module (integers into floating point)*");
    }

    [Fact]
    public void ImportFromAModel_TakesItsTrunkBitForBit_AndIgnoresItsHeads()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(64, seed: 3);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var pretrained = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8, 6], normalization: Normalization.BatchNorm), seed: 1);
        using (var trainer = new MultiTaskTrainer(pretrained, new TrainerOptions { Epochs = 2, BatchSize = 16 }))
        {
            trainer.Fit(data);
        }

        using var target = MultiTaskModel.Create([TaskSpec.Binary("new")], Trunks.Mlp(4, [8, 6], normalization: Normalization.BatchNorm), seed: 2);

        var report = target.ImportWeights(pretrained, new WeightImportOptions { Prefix = "trunk" });

        report.Loaded.Should().HaveCount(14).And.OnlyContain(n => n.StartsWith("trunk.", StringComparison.Ordinal));
        report.Ignored.Should().Equal(tasks.SelectMany(t => new[] { $"heads.{t.Name}.out.weight", $"heads.{t.Name}.out.bias" }));
        report.Missing.Should().BeEmpty();
        var source = pretrained.Network.state_dict();
        foreach (var (name, value) in target.Network.state_dict().Where(e => e.Key.StartsWith("trunk.", StringComparison.Ordinal)))
        {
            using var same = value.eq(source[name]).all();
            same.item<bool>().Should().BeTrue($"{name} must equal the pretrained value");
        }
    }

    [Fact]
    public void Content_RefusesDuplicateNames()
    {
        var t = SafetensorsTensor.FromSingles("w", [1], [1f]);

        var act = () => new SafetensorsContent("memory", [t, t]);

        act.Should().Throw<ArgumentException>().WithMessage("Tensor name 'w' is used twice in 'memory'.*");
    }

    [Fact]
    public void ExportAfterImport_WritesPyTorchsBytesExactly()
    {
        using var model = TwinOfTorchNet();
        var torchFile = SafetensorsFile.Read(TorchReference.File("torch_model.safetensors"));
        model.ImportWeights(torchFile.Source);
        var path = _dir.File("again.safetensors");

        model.ExportSafetensors(path, new WeightExportOptions { Metadata = new Dictionary<string, string> { ["format"] = "pt" } });
        var ours = SafetensorsFile.Read(path);

        ours.Metadata["format"].Should().Be("pt");
        foreach (var t in torchFile.Tensors)
        {
            ours[t.Name].DType.Should().Be(t.DType);
            ours[t.Name].Shape.Should().Equal(t.Shape);
            ours[t.Name].Data.ToArray().Should().Equal(t.Data.ToArray(), $"{t.Name} must round-trip bit for bit");
        }
    }

    [Fact]
    public void ExportTrunkByPosition_GivesThePositionalNamesOfPyTorchsSequential()
    {
        using var model = TwinOfTorchNet();
        var path = _dir.File("trunk.safetensors");

        model.ExportSafetensors(path, new WeightExportOptions
        {
            Prefix = "trunk",
            NameMap = WeightNameMaps.ToSequentialPositions(((HardSharingNetwork)model.Network).Trunk, "trunk"),
        });

        SafetensorsFile.Read(path).Tensors.Select(t => t.Name).Should().Equal(TorchReference.Names("trunk_names"));
    }

    [Fact]
    public void ExportAndImport_LeakNoTensor()
    {
        using var model = TwinOfTorchNet();
        var path = _dir.File("leak.safetensors");
        model.ExportSafetensors(path);

        Leak.AssertNone(() =>
        {
            model.ExportSafetensors(path);
            model.ImportWeights(path);
        });
    }

    /// <summary>
    /// Writes a file for the Python side (tests/reference/safetensors_interop.py check FILE) when
    /// MULTITASK_SAFETENSORS_OUT names a path: the twin's fresh weights, with the fixture inputs and the library's
    /// outputs in the metadata. Without the variable it checks the same file through the library's reader.
    /// </summary>
    [Fact]
    public void ExportForPython_CarriesInputsAndOutputs()
    {
        using var model = TwinOfTorchNet(seed: 11);
        using (var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2, BatchSize = 5 }))
        {
            using var data = MultiTaskDataset.FromArrays(TorchReference.Inputs, model.Tasks,
                [TaskTargets.FromValues([1f, 2f, 3f, 4f, 5f]), TaskTargets.FromLabels([0, 1, 2, 1, 0])]);
            trainer.Fit(data); // moves BatchNorm's running statistics off their defaults
        }

        var outputs = EvalOutputs(model, TorchReference.Inputs);
        string Json(float[,] m) => System.Text.Json.JsonSerializer.Serialize(Enumerable.Range(0, m.GetLength(0)).Select(i => Enumerable.Range(0, m.GetLength(1)).Select(j => m[i, j]).ToArray()).ToArray());
        var path = Environment.GetEnvironmentVariable("MULTITASK_SAFETENSORS_OUT") is { Length: > 0 } target ? target : _dir.File("for-python.safetensors");

        model.ExportSafetensors(path, new WeightExportOptions
        {
            Metadata = new Dictionary<string, string>
            {
                ["inputs"] = Json(TorchReference.Inputs),
                ["outputs"] = "[" + Json(outputs[0]) + "," + Json(outputs[1]) + "]",
            },
        });

        var back = SafetensorsFile.Read(path);
        back["trunk.norm0.num_batches_tracked"].ToDoubles().Should().Equal([2.0], "two epochs of one batch of 5 rows are two train-mode steps");
        back.Metadata.Keys.Should().BeEquivalentTo("inputs", "outputs");
    }

    public void Dispose() => _dir.Dispose();

    internal static float[][,] EvalOutputs(MultiTaskModel model, float[,] inputs)
    {
        model.Network.eval();
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        return model.Network.forward(torch.tensor(inputs)).Select(ToMatrix).ToArray();
    }

    private static float[,] ToMatrix(torch.Tensor t)
    {
        var values = t.data<float>().ToArray();
        int rows = (int)t.shape[0], columns = (int)t.shape[1];
        var m = new float[rows, columns];
        Buffer.BlockCopy(values, 0, m, 0, values.Length * sizeof(float));
        return m;
    }

    private static void ShouldBeClose(float[,] actual, float[,] expected)
    {
        actual.GetLength(0).Should().Be(expected.GetLength(0));
        actual.GetLength(1).Should().Be(expected.GetLength(1));
        for (int i = 0; i < expected.GetLength(0); i++)
        {
            for (int j = 0; j < expected.GetLength(1); j++)
            {
                actual[i, j].Should().BeApproximately(expected[i, j], 1e-5f, $"element [{i}, {j}]");
            }
        }
    }
}
