using System.Text.Json.Nodes;
using MultiTask.Models;
using MultiTask.Serialization;
using MultiTask.Tests.TestUtilities;
using MultiTask.Tests.Weighting;
using MultiTask.Training;
using MultiTask.Weighting;

namespace MultiTask.Tests.Training;

/// <summary>The weighting part of checkpoints: the method's kind and hyperparameters are saved and checked on resume.</summary>
[Collection(TorchCollection.Name)]
public sealed class WeightingCheckpointTests
{
    [Fact]
    public void Checkpoint_StoresTheMethodsKindAndHyperparameters()
    {
        using var dir = new TempDirectory();
        var path = Saved(dir, new DynamicWeightAverage { Temperature = 2 });

        var checkpoint = ModelFile.Read(path).Description["checkpoint"]!;

        checkpoint["weighting"]!.GetValue<string>().Should().Be("DWA");
        checkpoint["weightingKind"]!.GetValue<string>().Should().Be("MultiTask.Weighting.DynamicWeightAverage");
        checkpoint["weightingHyperparameters"]!.ToJsonString().Should().Be("""{"Temperature":2}""");
    }

    [Fact]
    public void Resume_WithAnotherHyperparameter_IsRefusedNamingMethodParameterAndBothValues()
    {
        using var dir = new TempDirectory();
        var path = Saved(dir, new DynamicWeightAverage { Temperature = 2 });
        using var model = Model();
        using var trainer = new MultiTaskTrainer(model, CustomMethodTests.Options(1), new DynamicWeightAverage { Temperature = 3 });

        var act = () => trainer.LoadCheckpoint(path);

        act.Should().Throw<ModelFileException>()
            .WithMessage("Checkpoint '*' was made with DWA Temperature = 2, but this trainer's DWA has Temperature = 3; resume with the hyperparameters the run started with.");
        trainer.EpochsCompleted.Should().Be(0, "nothing was restored");
    }

    [Fact]
    public void Resume_FromACheckpointWithoutHyperparameters_IsAccepted()
    {
        using var dir = new TempDirectory();
        var path = Saved(dir, new DynamicWeightAverage { Temperature = 2 });
        var (description, blobs) = ModelFile.Read(path);
        var checkpoint = (JsonObject)description["checkpoint"]!;
        checkpoint.Remove("weightingKind");
        checkpoint.Remove("weightingHyperparameters");
        ModelFile.Write(path, description, blobs);
        using var model = Model();
        using var trainer = new MultiTaskTrainer(model, CustomMethodTests.Options(1), new DynamicWeightAverage { Temperature = 3 });

        trainer.LoadCheckpoint(path);

        trainer.EpochsCompleted.Should().Be(2);
    }

    [Fact]
    public void Resume_UnderAnotherKindWithTheSameName_IsRefused()
    {
        using var dir = new TempDirectory();
        var path = Saved(dir, new NamedLikeDwa());
        using var model = Model();
        using var trainer = new MultiTaskTrainer(model, CustomMethodTests.Options(1), Weightings.DynamicWeightAverage());

        var act = () => trainer.LoadCheckpoint(path);

        act.Should().Throw<ModelFileException>().WithMessage(
            $"*'DWA' ({typeof(NamedLikeDwa).FullName}), but this trainer uses 'DWA' (MultiTask.Weighting.DynamicWeightAverage)*");
    }

    private static MultiTaskModel Model()
    {
        using var data = WeightingContractTests.ThreeTaskData(40);
        return MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [4]), seed: 1);
    }

    /// <summary>Trains two epochs with the method and saves a checkpoint.</summary>
    private static string Saved(TempDirectory dir, WeightingMethod method)
    {
        using var data = WeightingContractTests.ThreeTaskData(40);
        using var model = Model();
        using var trainer = new MultiTaskTrainer(model, CustomMethodTests.Options(2), method);
        trainer.Fit(data);
        var path = dir.File("run.mtm");
        trainer.SaveCheckpoint(path);
        return path;
    }

    private sealed class NamedLikeDwa : LossWeighting
    {
        public override string Name => "DWA";

        public override LossCombination Combine(LossWeightingContext context) => LossCombination.FromWeights(context, [1, 1, 1]);
    }
}
