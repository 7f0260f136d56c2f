using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Prediction;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using TorchSharp;

namespace MultiTask.Tests;

/// <summary>
/// Prediction and evaluation never change a shared model: many threads predicting on one model with BatchNorm and
/// dropout get exactly what one thread gets, and BatchNorm's running statistics stay as training left them.
/// </summary>
/// <remarks>
/// The oracle is evaluation mode's defining property: each row's output depends on that row alone (BatchNorm uses its
/// running statistics, dropout is the identity). So every row predicted alone on one thread must equal the same row
/// inside any batch on any thread. Training mode would break it: BatchNorm would normalise with the batch's own
/// statistics and dropout would zero random units.
/// </remarks>
[Collection(TorchCollection.Name)]
public sealed class ConcurrentPredictionTests
{
    private const int Rows = 96;

    [Fact]
    public void Predict_ManyThreadsOnOneModel_EqualOneThreadRowByRow_AndLeaveRunningStatisticsUnchanged()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(Rows, seed: 5);
        using var model = TrainedModel(x, tasks, targets);
        var statisticsBefore = RunningStatistics(model);
        statisticsBefore.Should().Contain(s => s != 0f && s != 1f, "the running statistics have moved away from their initial 0 and 1 during training");
        var alone = Enumerable.Range(0, Rows).Select(i => Outputs(model.Predict([Row(x, i)]))[0]).ToArray();

        int[] batchSizes = [1, 7, 32, 96];
        var results = new double[16][][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            for (int repeat = 0; repeat < 5; repeat++)
            {
                results[k] = Outputs(model.Predict(x, batchSize: batchSizes[k % batchSizes.Length]));
            }
        });

        foreach (var result in results)
        {
            for (int i = 0; i < Rows; i++)
            {
                result[i].Should().Equal(alone[i], (a, b) => Math.Abs(a - b) <= 1e-5, "row {0} must not depend on its batch or on other threads", i);
            }
        }

        RunningStatistics(model).Should().Equal(statisticsBefore);
        model.Network.training.Should().BeFalse();
    }

    [Fact]
    public void Evaluate_ManyThreadsOnOneModel_GiveOneThreadsReport()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(Rows, seed: 6);
        using var model = TrainedModel(x, tasks, targets);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        var statisticsBefore = RunningStatistics(model);
        double rmse = model.Evaluate(data, batchSize: 96)["value"]["RMSE"];
        double accuracy = model.Evaluate(data, batchSize: 96)["sign"]["Accuracy"];

        var reports = new (double Rmse, double Accuracy)[12];
        Parallel.For(0, reports.Length, new ParallelOptions { MaxDegreeOfParallelism = 6 }, k =>
        {
            var report = model.Evaluate(data, batchSize: 1 + (k * 13));
            reports[k] = (report["value"]["RMSE"], report["sign"]["Accuracy"]);
        });

        reports.Should().AllSatisfy(r =>
        {
            r.Rmse.Should().BeApproximately(rmse, 1e-5);
            r.Accuracy.Should().Be(accuracy);
        });
        RunningStatistics(model).Should().Equal(statisticsBefore);
    }

    [Fact]
    public void Predict_NetworkLeftInTrainingMode_IsRefusedAndTheModeIsNotChanged()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Regression("y")], Trunks.Mlp(2, [4], dropout: 0.5, normalization: Normalization.BatchNorm), seed: 1);
        model.Network.train();

        var act = () => model.Predict(new float[,] { { 1f, 2f } });

        act.Should().Throw<InvalidOperationException>().WithMessage("*training mode*model.Network.eval()*");
        model.Network.training.Should().BeTrue("prediction never switches the shared module's mode");
    }

    [Fact]
    public void Fit_EndsInEvaluationMode_AlsoWhenCancelled()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(Rows, seed: 7);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8], dropout: 0.2, normalization: Normalization.BatchNorm), seed: 2);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        model.Network.training.Should().BeFalse("a new model is in evaluation mode");
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 3, BatchSize = 16, Seed = 1 });
        using var cancel = new CancellationTokenSource();

        var act = () => trainer.Fit(data, onEpoch: _ => cancel.Cancel(), cancellationToken: cancel.Token);

        act.Should().Throw<OperationCanceledException>();
        model.Network.training.Should().BeFalse("Fit switches to training mode only while it fits");
    }

    private static MultiTaskModel TrainedModel(float[,] x, TaskSpec[] tasks, TaskTargets[] targets)
    {
        var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [16, 8], dropout: 0.3, normalization: Normalization.BatchNorm), Heads.Mlp([6], dropout: 0.3), seed: 3);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 2, BatchSize = 16, Seed = 4 });
        trainer.Fit(data);
        return model;
    }

    /// <summary>Every BatchNorm running mean, running variance and batch counter, flattened.</summary>
    private static float[] RunningStatistics(MultiTaskModel model)
    {
        var buffers = model.Network.named_buffers().ToArray();
        buffers.Should().Contain(b => b.name.EndsWith("running_mean", StringComparison.Ordinal), "the trunk has BatchNorm layers");
        return buffers.SelectMany(b => b.buffer.to(torch.ScalarType.Float32).data<float>().ToArray()).ToArray();
    }

    private static float[] Row(float[,] x, int i) => Enumerable.Range(0, x.GetLength(1)).Select(j => x[i, j]).ToArray();

    /// <summary>Per row: the regression value, the binary probability and the three class probabilities.</summary>
    private static double[][] Outputs(TaskPredictions predictions)
    {
        var value = (RegressionPrediction)predictions["value"];
        var sign = (BinaryPrediction)predictions["sign"];
        var band = (MulticlassPrediction)predictions["band"];
        return Enumerable.Range(0, value.Values.Count)
            .Select(i => new[] { value.Values[i], sign.Probabilities[i] }.Concat(band.Probabilities[i]).ToArray())
            .ToArray();
    }
}
