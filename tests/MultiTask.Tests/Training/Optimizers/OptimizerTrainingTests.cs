using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Serialization;
using MultiTask.Tests.TestUtilities;
using MultiTask.Tests.Weighting;
using MultiTask.Training;
using MultiTask.Weighting;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Tests.Training.Optimizers;

/// <summary>The trainer with the library's optimisers: checkpoints, garbage-collection stress, tensor leaks.</summary>
[Collection(TorchCollection.Name)]
public sealed class OptimizerTrainingTests
{
    public static TheoryData<OptimizerKind> Kinds => new(OptimizerKind.Adam, OptimizerKind.AdamW, OptimizerKind.Sgd);

    public static TheoryData<OptimizerKind, string> StressCases => new()
    {
        { OptimizerKind.Adam, "EW" },
        { OptimizerKind.AdamW, "EW" },
        { OptimizerKind.Sgd, "EW" },
        { OptimizerKind.Adam, "UW" },
        { OptimizerKind.Adam, "PCGrad" },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Checkpoint_ResumedTraining_MatchesUninterruptedTraining(OptimizerKind kind)
    {
        using var data = WeightingContractTests.ThreeTaskData(80);
        using var dir = new TempDirectory();
        var path = dir.File("run.mtm");
        float[] straight;
        using (var model = Model(data, seed: 5))
        using (var trainer = new MultiTaskTrainer(model, Options(kind, epochs: 4), Weightings.Uncertainty()))
        {
            trainer.Fit(data);
            straight = CustomMethodTests.Flat(model);
        }

        using (var model = Model(data, seed: 5))
        using (var trainer = new MultiTaskTrainer(model, Options(kind, epochs: 2), Weightings.Uncertainty()))
        {
            trainer.Fit(data);
            trainer.SaveCheckpoint(path);
        }

        using var resumedModel = Model(data, seed: 99);
        using var resumed = new MultiTaskTrainer(resumedModel, Options(kind, epochs: 2), Weightings.Uncertainty());
        resumed.LoadCheckpoint(path);
        resumed.Fit(data);

        CustomMethodTests.Flat(resumedModel).Should().Equal(straight, $"{kind}'s step counts and buffers are restored exactly");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Checkpoint_WithTorchSharpsOptimiserState_IsReadAndResumesExactly(OptimizerKind kind)
    {
        using var data = WeightingContractTests.ThreeTaskData(80);
        using var dir = new TempDirectory();
        using var model = Model(data, seed: 5);
        using var trainer = new MultiTaskTrainer(model, Options(kind, epochs: 1));
        trainer.Fit(data);
        trainer.Fit(data);
        var path = dir.File("old.mtm");
        trainer.SaveCheckpoint(path);
        WriteTorchSharpState(path, trainer, kind);

        using var resumedModel = Model(data, seed: 99);
        using var resumed = new MultiTaskTrainer(resumedModel, Options(kind, epochs: 1));
        resumed.LoadCheckpoint(path);
        resumed.Fit(data);
        trainer.Fit(data);

        CustomMethodTests.Flat(resumedModel).Should().Equal(CustomMethodTests.Flat(model), "the old format's state is the same state");
    }

    [Fact]
    public void Checkpoint_WithTorchSharpStateOfAnotherOptimiser_IsRefusedNamingTheFile()
    {
        using var data = WeightingContractTests.ThreeTaskData(40);
        using var dir = new TempDirectory();
        var path = dir.File("old.mtm");
        using (var model = Model(data, seed: 5))
        using (var trainer = new MultiTaskTrainer(model, Options(OptimizerKind.Sgd, epochs: 1)))
        {
            trainer.Fit(data);
            trainer.SaveCheckpoint(path);
            WriteTorchSharpState(path, trainer, OptimizerKind.Sgd);
        }

        using var other = Model(data, seed: 5);
        using var adam = new MultiTaskTrainer(other, Options(OptimizerKind.Adam, epochs: 1));
        var act = () => adam.LoadCheckpoint(path);

        act.Should().Throw<ModelFileException>()
            .WithMessage($"Checkpoint '{path}' has trainer state that does not fit this trainer: the optimiser state is TorchSharp's SGD, but this trainer uses Adam.");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Fit_UpdatesAllParametersAsOneFlatBuffer_GradientsStayViewsAfterTheFirstStep(OptimizerKind kind)
    {
        using var data = WeightingContractTests.ThreeTaskData(60);
        using var model = Model(data, seed: 5);
        using var trainer = new MultiTaskTrainer(model, Options(kind, epochs: 2), Weightings.Uncertainty());

        trainer.Fit(data);

        var optimizer = trainer.Optimizer!;
        optimizer.FlatSteps.Should().Be(6, "2 epochs × 60 rows / 20 per batch, each a single update of the flat buffer");
        optimizer.GradientCopies.Should().Be(optimizer.Parameters.Length, "autograd makes each gradient once; later backward passes accumulate into the attached view");
        optimizer.Steps.Should().OnlyContain(s => s == 6);
    }

    [Fact]
    public void SecondTrainerOnTheSameModel_DoesNotDetachTheFirstFromTheWeights()
    {
        using var data = WeightingContractTests.ThreeTaskData(60);
        using var alone = Model(data, seed: 5);
        using (var trainer = new MultiTaskTrainer(alone, Options(OptimizerKind.Adam, epochs: 1)))
        {
            trainer.Optimizer!.IsFlat.Should().BeTrue("CPU float32 parameters share one flat buffer");
            trainer.Fit(data);
            trainer.Fit(data);
        }

        using var shared = Model(data, seed: 5);
        using var first = new MultiTaskTrainer(shared, Options(OptimizerKind.Adam, epochs: 1));
        first.Fit(data);
        using var second = new MultiTaskTrainer(shared, Options(OptimizerKind.Adam, epochs: 1));
        first.Fit(data);

        CustomMethodTests.Flat(shared).Should().Equal(CustomMethodTests.Flat(alone), "the first trainer re-attaches the parameters the second one re-pointed");
    }

    [Theory]
    [MemberData(nameof(StressCases))]
    public void Fit_WhileAnotherThreadForcesGarbageCollections_GivesTheSameWeights(OptimizerKind kind, string method)
    {
        // 200 steps per run. Under the same stress, TorchSharp's Adam.step failed after 362 and 783 steps of a small MLP
        // ("Expected false to be true"), so a reintroduced implicit Scalar has a fair chance of failing here.
        using var data = WeightingContractTests.ThreeTaskData(200);
        var quiet = Train(data, kind, method, stress: false);

        var stressed = Train(data, kind, method, stress: true);

        stressed.Should().Equal(quiet, "a collection during a native call must not change (or crash) training");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Fit_SaveAndLoadCheckpoint_LeaveNoTensorBehind(OptimizerKind kind)
    {
        using var data = WeightingContractTests.ThreeTaskData(60);
        using var dir = new TempDirectory();
        using var model = Model(data, seed: 5);
        var path = dir.File("run.mtm");

        Leak.AssertNone(
            () =>
            {
                using (var trainer = new MultiTaskTrainer(model, Options(kind, epochs: 2), Weightings.Uncertainty()))
                {
                    trainer.Fit(data);
                    trainer.SaveCheckpoint(path);
                }

                using var resumed = new MultiTaskTrainer(model, Options(kind, epochs: 1), Weightings.Uncertainty());
                resumed.LoadCheckpoint(path);
                resumed.Fit(data);
            },
            $"with {kind}");
    }

    private static float[] Train(MultiTaskDataset data, OptimizerKind kind, string method, bool stress)
    {
        using var model = Model(data, seed: 2);
        WeightingMethod weighting = method switch
        {
            "UW" => Weightings.Uncertainty(),
            "PCGrad" => Weightings.PCGrad(),
            _ => Weightings.Equal(),
        };
        using var trainer = new MultiTaskTrainer(model, Options(kind, epochs: 10, batchSize: 10), weighting);
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        })
        { IsBackground = true };
        if (stress)
        {
            collector.Start();
        }

        try
        {
            trainer.Fit(data);
        }
        finally
        {
            stop.Cancel();
            if (stress)
            {
                collector.Join();
            }
        }

        return CustomMethodTests.Flat(model);
    }

    /// <summary>Replaces the checkpoint's optimiser blob with TorchSharp's <c>save_state_dict</c> of the same state (the format before the library had its own optimisers).</summary>
    private static void WriteTorchSharpState(string path, MultiTaskTrainer trainer, OptimizerKind kind)
    {
        var ours = trainer.Optimizer!;
        using OptimizerHelper theirs = kind switch
        {
            OptimizerKind.Sgd => new SGD(ours.Parameters, 0.01, 0.9),
            OptimizerKind.AdamW => new AdamW(ours.Parameters),
            _ => new Adam(ours.Parameters),
        };
        var states = theirs.state_dict().State;
        using (no_grad())
        {
            for (int i = 0; i < states.Count; i++)
            {
                switch (states[i])
                {
                    case Adam.State a:
                        a.step = ours.Steps[i];
                        a.exp_avg.copy_(ours.Buffer(0, i)!);
                        a.exp_avg_sq.copy_(ours.Buffer(1, i)!);
                        break;
                    case AdamW.State w:
                        w.step = ours.Steps[i];
                        w.exp_avg.copy_(ours.Buffer(0, i)!);
                        w.exp_avg_sq.copy_(ours.Buffer(1, i)!);
                        break;
                    case SGD.State s:
                        s.momentum_buffer = ours.Buffer(0, i)?.clone().DetachFromDisposeScope();
                        break;
                }
            }
        }

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            theirs.save_state_dict(writer);
        }

        var (description, blobs) = ModelFile.Read(path);
        ModelFile.Write(path, description, [blobs[0], stream.ToArray()]);
    }

    private static MultiTaskModel Model(MultiTaskDataset data, int seed) => MultiTaskModel.Create(data.Tasks, Trunks.Mlp(4, [8]), seed: seed);

    private static TrainerOptions Options(OptimizerKind kind, int epochs, int batchSize = 20) => new()
    {
        Optimizer = kind,
        Epochs = epochs,
        BatchSize = batchSize,
        LearningRate = kind == OptimizerKind.Sgd ? 0.02 : 5e-3,
        WeightDecay = 0.01,
        Seed = 7,
    };
}
