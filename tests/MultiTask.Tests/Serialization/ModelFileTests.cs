using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using TorchSharp;

namespace MultiTask.Tests.Serialization;

[Collection(TorchCollection.Name)]
public sealed class ModelFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void SaveThenLoad_GivesIdenticalPredictionsAndArchitecture()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(200, seed: 1);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [16, 8], Activation.GELU, dropout: 0.1, Normalization.BatchNorm), Heads.Mlp([6]), seed: 2);
        using (var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2, BatchSize = 32 }))
        {
            trainer.Fit(data); // moves BatchNorm's running statistics away from their initial values
        }

        var path = _dir.File("model.mtm");
        model.Save(path);
        using var loaded = MultiTaskModel.Load(path);

        var before = model.Predict(x);
        var after = loaded.Predict(x);
        after.Regression("value").Values.Should().Equal(before.Regression("value").Values);
        after.Binary("sign").Probabilities.Should().Equal(before.Binary("sign").Probabilities);
        after.Multiclass("band").Labels.Should().Equal(before.Multiclass("band").Labels);
        loaded.Tasks.Select(t => t.ToString()).Should().Equal(tasks.Select(t => t.ToString()));
        loaded.Trunk.Should().BeOfType<MlpTrunkSpec>().Which.Normalization.Should().Be(Normalization.BatchNorm);
        loaded.ParameterCount.Should().Be(model.ParameterCount);
    }

    [Theory]
    [InlineData("trunk.linear0.bias", float.PositiveInfinity)]
    [InlineData("heads.segment.out.weight", float.NaN)]
    public void Save_WithANonFiniteWeight_NamesIt_AndLeavesTheExistingFileUntouched(string weight, float value)
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("price"), TaskSpec.Multiclass("segment", 3)], Trunks.Mlp(3, [4]), Heads.Mlp([2]), seed: 1);
        var path = _dir.File("model.mtm");
        model.Save(path);
        var before = File.ReadAllBytes(path);
        var parameter = model.Network.named_parameters().Single(p => p.name == weight).parameter;
        using (torch.no_grad())
        {
            parameter.view(-1)[1] = value;
        }

        var act = () => model.Save(path);

        act.Should().Throw<InvalidOperationException>().WithMessage($"Weight '{weight}' is NaN or infinite; the model file '{path}' was not written.");
        File.ReadAllBytes(path).Should().Equal(before);
        Directory.GetFiles(_dir.Path).Should().Equal([path], "no temporary file is left behind");
    }

    [Fact]
    public void Save_ReplacesTheFileAtomically_LeavingNoTemporaryFile()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("y")], Trunks.Mlp(3, [4]), seed: 1);
        using var other = MultiTaskModel.Create([TaskSpec.Regression("y")], Trunks.Mlp(3, [4]), seed: 2);
        var path = _dir.File("m.mtm");

        model.Save(path);
        other.Save(path);

        Directory.GetFiles(_dir.Path).Should().Equal([path]);
        using var loaded = MultiTaskModel.Load(path);
        loaded.Predict(new float[1, 3]).Regression("y").Values.Should().Equal(other.Predict(new float[1, 3]).Regression("y").Values);
    }

    [Fact]
    public void Save_DeletesStaleTemporaryFilesOfTheSameTarget_AndNothingElse()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("y")], Trunks.Mlp(3, [4]), seed: 1);
        var path = _dir.File("m.mtm");
        var stale = _dir.File($".m.mtm.{Guid.NewGuid():N}.tmp");
        var otherTarget = _dir.File($".n.mtm.{Guid.NewGuid():N}.tmp");
        var notAGuid = _dir.File(".m.mtm.keep.tmp");
        var unrelated = _dir.File("notes.txt");
        foreach (var file in new[] { stale, otherTarget, notAGuid, unrelated })
        {
            File.WriteAllText(file, "x");
        }

        model.Save(path);

        Directory.GetFiles(_dir.Path).Order(StringComparer.Ordinal).Should().Equal(
            new[] { path, otherTarget, notAGuid, unrelated }.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Save_FailingToReplaceTheTarget_NamesTheTarget_AndLeavesNoTemporaryFile()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("y")], Trunks.Mlp(3, [4]), seed: 1);
        var path = _dir.File("taken.mtm");
        Directory.CreateDirectory(path); // a directory where the file should go: the final rename fails

        var act = () => model.Save(path);

        act.Should().Throw<IOException>().WithMessage($"Could not save the model file '{path}'*");
        Directory.GetFiles(_dir.Path).Should().BeEmpty();
    }

    [Fact]
    public void Load_TruncatedFile_SaysTruncated()
    {
        var path = SavedModel();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var act = () => MultiTaskModel.Load(path);

        act.Should().Throw<ModelFileException>().WithMessage("*truncated*");
    }

    [Fact]
    public void Load_OneFlippedByte_FailsTheChecksum()
    {
        var path = SavedModel();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length - 100] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var act = () => MultiTaskModel.Load(path);

        act.Should().Throw<ModelFileException>().WithMessage("*corrupted*checksum*");
    }

    [Fact]
    public void Load_ForeignFile_SaysItIsNotAModel()
    {
        var path = _dir.File("weights.dat");
        File.WriteAllText(path, "PK\u0003\u0004 this is a zip, not a model");

        var act = () => MultiTaskModel.Load(path);

        act.Should().Throw<ModelFileException>().WithMessage($"*'{path}' is not a MultiTask model file*");
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        var act = () => MultiTaskModel.Load(_dir.File("nope.mtm"));
        act.Should().Throw<FileNotFoundException>();
    }

    [Fact]
    public void Load_CustomTrunk_NeedsItsFactory_AndThenMatches()
    {
        var trunk = Trunks.Custom("tanh", InputKind.Features, 3, 5, () => torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Tanh()));
        using var model = MultiTaskModel.Create([TaskSpec.Binary("b")], trunk, seed: 3);
        var path = _dir.File("custom.mtm");
        model.Save(path);

        var withoutFactory = () => MultiTaskModel.Load(path);
        withoutFactory.Should().Throw<InvalidOperationException>().WithMessage("*custom trunk 'tanh'*ModuleFactories*");

        var factories = new ModuleFactories().AddTrunk("tanh", () => torch.nn.Sequential(torch.nn.Linear(3, 5), torch.nn.Tanh()));
        using var loaded = MultiTaskModel.Load(path, factories);
        var x = new float[,] { { 0.1f, -0.2f, 0.3f } };
        loaded.Predict(x).Binary("b").Probabilities.Should().Equal(model.Predict(x).Binary("b").Probabilities);
    }

    public void Dispose() => _dir.Dispose();

    private string SavedModel()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("y"), TaskSpec.Multiclass("c", 4)], Trunks.Mlp(6, [32]), seed: 1);
        var path = _dir.File(Guid.NewGuid().ToString("N") + ".mtm");
        model.Save(path);
        return path;
    }
}
