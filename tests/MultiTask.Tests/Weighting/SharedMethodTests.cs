using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using MultiTask.Weighting;

namespace MultiTask.Tests.Weighting;

/// <summary>
/// A method object holds no run state: two trainers given the same object train exactly as two trainers given
/// separate objects, even when their epochs interleave, and neither changes the other.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class SharedMethodTests
{
    [Theory]
    [InlineData("UW")]
    [InlineData("FAMO")]
    [InlineData("GradVac")]
    [InlineData("MoCo")]
    public void OneMethodObject_TwoTrainers_TrainLikeSeparateObjects(string method)
    {
        using var data = WeightingContractTests.ThreeTaskData(100);
        var shared = WeightingRegistry.Create(method);

        // Interleaved: A's epoch 1, B's epoch 1, A's epoch 2, B's epoch 2, with one method object.
        using var modelA = Model(data, seed: 1);
        using var modelB = Model(data, seed: 2);
        using (var a = new MultiTaskTrainer(modelA, CustomMethodTests.Options(1, seed: 3), shared))
        using (var b = new MultiTaskTrainer(modelB, CustomMethodTests.Options(1, seed: 4), shared))
        {
            a.Fit(data);
            b.Fit(data);
            a.Fit(data);
            b.Fit(data);
        }

        Alone(data, method, modelSeed: 1, seed: 3).Should().Equal(CustomMethodTests.Flat(modelA), "A trains as if B did not exist");
        Alone(data, method, modelSeed: 2, seed: 4).Should().Equal(CustomMethodTests.Flat(modelB), "B trains as if A did not exist");
        CustomMethodTests.Flat(modelA).Should().NotEqual(CustomMethodTests.Flat(modelB));
    }

    private static MultiTaskModel Model(MultiTaskDataset data, int seed) => MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), seed: seed);

    /// <summary>One trainer with its own method object, two calls of one epoch each.</summary>
    private static float[] Alone(MultiTaskDataset data, string method, int modelSeed, int seed)
    {
        using var model = Model(data, modelSeed);
        using var trainer = new MultiTaskTrainer(model, CustomMethodTests.Options(1, seed), WeightingRegistry.Create(method));
        trainer.Fit(data);
        trainer.Fit(data);
        return CustomMethodTests.Flat(model);
    }
}
