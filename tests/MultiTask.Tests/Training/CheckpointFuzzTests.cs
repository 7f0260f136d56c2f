using System.Diagnostics;
using MultiTask.Evaluation;
using MultiTask.Tests.Serialization;
using MultiTask.Tests.TestUtilities;
using MultiTask.Tests.Weighting;
using MultiTask.Training;
using MultiTask.Training.Schedules;
using MultiTask.Weighting;

namespace MultiTask.Tests.Training;

/// <summary>
/// A seeded fuzz test of <see cref="MultiTaskTrainer.LoadCheckpoint"/>: hundreds of damaged copies of a small checkpoint
/// (weights, AdamW state, best weights, early-stopping and plateau state, uncertainty weighting), each with its
/// checksum recomputed. Only <see cref="ModelFileException"/> may escape, every message names the file, and memory
/// stays bounded.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class CheckpointFuzzTests : IDisposable
{
    private const int Iterations = 400;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void DamagedCheckpointsWithValidChecksums_OnlyEverRaiseModelFileException_WithBoundedMemory()
    {
        using var train = WeightingContractTests.ThreeTaskData(40);
        using var validation = TrainingControlTests.Validation(20, seed: 21);
        using var model = TrainingControlTests.Model(train);
        using var trainer = Trainer(model);
        trainer.Fit(train, validation);
        string original = _dir.File("original.mtc");
        trainer.SaveCheckpoint(original);
        var pristine = ModelFileBytes.Read(original);
        pristine.Blobs.Should().HaveCount(3, "the checkpoint holds weights, optimiser state and best weights");
        trainer.LoadCheckpoint(original);
        trainer.EpochsCompleted.Should().Be(2, "the undamaged checkpoint loads");

        var random = new Random(20261202);
        string path = _dir.File("fuzzed.mtc");
        using var process = Process.GetCurrentProcess();
        long baseline = ModelFileFuzzTests.WorkingSet(process);
        long peak = baseline;
        int rejected = 0, loaded = 0;
        var unexpected = new List<string>();
        for (int i = 0; i < Iterations; i++)
        {
            var file = pristine.Clone();
            // Half of the description damage lands in the checkpoint's own fields; blob damage in any of the three blobs.
            var focus = random.Next(2) == 0 ? (System.Text.Json.Nodes.JsonObject)file.Description["checkpoint"]! : null;
            string mutation = ModelFileFuzzTests.Mutate(file, random, focus, random.Next(file.Blobs.Count));
            File.WriteAllBytes(path, mutation == "trailing" ? file.ToBytes(trailing: [1, 2, 3]) : file.ToBytes());
            switch (ModelFileFuzzTests.Outcome(() => trainer.LoadCheckpoint(path), path, $"{i} {mutation}", unexpected))
            {
                case true:
                    loaded++;
                    break;
                case false:
                    rejected++;
                    break;
            }

            peak = Math.Max(peak, ModelFileFuzzTests.WorkingSet(process));
        }

        unexpected.Should().BeEmpty();
        (rejected + loaded).Should().Be(Iterations);
        rejected.Should().BeGreaterThan(Iterations / 2, "most mutations damage the checkpoint");
        (peak - baseline).Should().BeLessThan(256L << 20, "no mutation may make the reader allocate the sizes it describes");
    }

    private static MultiTaskTrainer Trainer(MultiTaskModel model) => new(
        model,
        new TrainerOptions
        {
            Optimizer = OptimizerKind.AdamW, WeightDecay = 0.01, LearningRate = 0.05, EarlyStoppingPatience = 3,
            Monitor = new ValidationMonitor { Metric = MetricNames.Accuracy, Task = "band" },
            LearningRateSchedule = new ReduceOnPlateau { Patience = 0, Factor = 0.5 },
            Epochs = 2, BatchSize = 20, Seed = 7,
        },
        Weightings.Uncertainty());
}
