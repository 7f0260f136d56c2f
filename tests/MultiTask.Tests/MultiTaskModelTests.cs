using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Tests;

[Collection(TorchCollection.Name)]
public sealed class MultiTaskModelTests
{
    private static readonly TaskSpec[] Tasks = [TaskSpec.Regression("value"), TaskSpec.Binary("sign"), TaskSpec.Multiclass("band", 3)];

    [Fact]
    public void Create_CountsSharedAndTaskParametersFromTheArchitecture()
    {
        using var model = MultiTaskModel.Create(Tasks, Trunks.Mlp(4, [16, 8]), seed: 1);

        // Trunk: (4·16 + 16) + (16·8 + 8) = 216. Linear heads from 8: 9 (value), 9 (sign), 8·3 + 3 = 27 (band).
        model.SharedParameters.Sum(p => p.numel()).Should().Be(216);
        model.TaskParameters("band").Sum(p => p.numel()).Should().Be(27);
        model.ParameterCount.Should().Be(216 + 9 + 9 + 27);
        model.Network.named_parameters().Select(p => p.name).Should().Contain(["trunk.linear0.weight", "heads.band.out.weight"]);
    }

    [Fact]
    public void Create_MlpHeadsWithHiddenLayers_HaveTheStatedSize()
    {
        using var model = MultiTaskModel.Create(Tasks, Trunks.Mlp(4, [8]), Heads.Mlp([5]), taskHeads: new Dictionary<string, HeadSpec> { ["band"] = Heads.Linear() });

        model.TaskParameters("value").Sum(p => p.numel()).Should().Be((8 * 5) + 5 + 5 + 1);
        model.TaskParameters("band").Sum(p => p.numel()).Should().Be((8 * 3) + 3);
    }

    [Fact]
    public void Create_TaskHeadsForUnknownTask_NamesIt()
    {
        var act = () => MultiTaskModel.Create(Tasks, Trunks.Mlp(4, [8]), taskHeads: new Dictionary<string, HeadSpec> { ["price"] = Heads.Linear() });
        act.Should().Throw<ArgumentException>().WithMessage("*unknown task 'price'*");
    }

    [Fact]
    public void Predict_WrongFeatureCount_NamesTheExpectedShape()
    {
        using var model = MultiTaskModel.Create(Tasks, Trunks.Mlp(4, [8]), seed: 1);
        var act = () => model.Predict(new float[2, 5]);
        act.Should().Throw<ArgumentException>().WithMessage("*4 features per row (input shape [rows, 4])*got 5*");
    }

    [Fact]
    public void Predict_NaNFeature_IsRejected()
    {
        using var model = MultiTaskModel.Create(Tasks, Trunks.Mlp(2, [8]), seed: 1);
        var act = () => model.Predict([[0.5f, 1f], [float.NaN, 0f]]);
        act.Should().Throw<ArgumentException>().WithMessage("*row 1, column 0*");
    }

    [Fact]
    public void Predict_TypedResults_AreSigmoidAndSoftmaxOfTheHeads()
    {
        using var model = MultiTaskModel.Create(Tasks, Trunks.Mlp(4, [8]), seed: 2);
        var x = Problems.Features(5, 4, seed: 3);

        var predictions = model.Predict(x);

        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        model.Network.eval();
        var outputs = model.Network.forward(torch.tensor(Flatten(x), [5, 4]));
        var value = outputs[0].view(-1).data<float>().ToArray();
        var logit = outputs[1].view(-1).data<float>().ToArray();
        var logits = outputs[2].data<float>().ToArray();
        predictions.Regression("value").Values.Should().BeEquivalentTo(value, o => o.Using<float>(c => c.Subject.Should().BeApproximately(c.Expectation, 1e-6f)).WhenTypeIs<float>());
        for (int i = 0; i < 5; i++)
        {
            predictions.Binary("sign").Probabilities[i].Should().BeApproximately(1 / (1 + Math.Exp(-logit[i])), 1e-6);
            predictions.Binary("sign").Labels[i].Should().Be(logit[i] > 0 ? 1 : 0);
            var row = logits.Skip(3 * i).Take(3).Select(v => Math.Exp(v)).ToArray();
            var p = predictions.Multiclass("band").Probabilities[i];
            for (int k = 0; k < 3; k++)
            {
                p[k].Should().BeApproximately(row[k] / row.Sum(), 1e-6);
            }

            predictions.Multiclass("band").Labels[i].Should().Be(Array.IndexOf(row, row.Max()));
        }
    }

    [Fact]
    public void Predict_AskingForTheWrongKind_SaysWhatTheTaskIs()
    {
        using var model = MultiTaskModel.Create(Tasks, Trunks.Mlp(4, [8]), seed: 2);
        var predictions = model.Predict(new float[1, 4]);
        var act = () => predictions.Binary("value");
        act.Should().Throw<InvalidOperationException>().WithMessage("*'value' is a Regression task*");
    }

    [Fact]
    public void Evaluate_LossAndMetricsAgree_AndIgnoreMissingLabels()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(60, seed: 4);
        var values = targets[0].Values!.ToArray();
        for (int i = 0; i < 60; i += 3)
        {
            values[i] = float.NaN;
        }

        using var data = MultiTaskDataset.FromArrays(x, tasks, [values, targets[1], targets[2]]);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), seed: 5);

        var report = model.Evaluate(data, batchSize: 7);

        var labelled = Enumerable.Range(0, 60).Where(i => i % 3 != 0).ToArray();
        var predicted = model.Predict(x, batchSize: 7).Regression("value").Values;
        double mse = labelled.Average(i => Math.Pow((double)predicted[i] - values[i], 2));
        report["value"].LabelledRows.Should().Be(40);
        report["value"]["MSE"].Should().BeApproximately(mse, 1e-9);
        report["value"].Loss.Should().BeApproximately(mse, 1e-5, "the masked training loss of an MSE task is the MSE");
        report["sign"].Loss.Should().BeApproximately(report["sign"]["LogLoss"], 1e-5, "binary cross-entropy is the log-loss");
    }

    [Fact]
    public void CustomTrunkAndHead_TrainAndReportParameters()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(200, seed: 6);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        var trunk = Trunks.Custom("tanh-mlp", InputKind.Features, 4, 12, () => nn.Sequential(nn.Linear(4, 12), nn.Tanh()));
        var head = Heads.Custom("wide", (input, output) => nn.Sequential(nn.Linear(input, 6), nn.ReLU(), nn.Linear(6, output)));
        using var model = MultiTaskModel.Create(tasks, trunk, head, seed: 7);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 15, BatchSize = 20, LearningRate = 1e-2 });

        var history = trainer.Fit(data);

        model.SharedParameters.Sum(p => p.numel()).Should().Be((4 * 12) + 12);
        model.TaskParameters("band").Sum(p => p.numel()).Should().Be((12 * 6) + 6 + (6 * 3) + 3);
        history.Epochs[^1].TrainLoss.Should().BeLessThan(history.Epochs[0].TrainLoss / 2);
    }

    [Fact]
    public void Evaluate_TokenDatasetWithAnotherPaddingId_NamesBothIds()
    {
        using var data = MultiTaskDataset.FromTokens([[2, 3], [4]], [TaskSpec.Binary("b")], [new[] { 0, 1 }], paddingId: 1);
        using var model = MultiTaskModel.Create([TaskSpec.Binary("b")], Trunks.Text(10, 4, 4, paddingId: 0), seed: 1);
        var act = () => model.Evaluate(data);
        act.Should().Throw<ArgumentException>().WithMessage("*pads with token id 1*padding id is 0*");
    }

    [Fact]
    public void Dispose_IsIdempotent_AndLaterUseSaysDisposed()
    {
        var model = MultiTaskModel.Create(Tasks, Trunks.Mlp(4, [8]));
        model.Dispose();
        model.Dispose();
        var act = () => model.Predict(new float[1, 4]);
        act.Should().Throw<ObjectDisposedException>();
    }

    [Fact]
    public void PredictAndEvaluate_LeaveNoTensorBehind()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(300, seed: 8);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [16], normalization: Normalization.BatchNorm, dropout: 0.2), seed: 9);

        Leak.AssertNone(() => model.Evaluate(data, batchSize: 64), "in Evaluate");
        Leak.AssertNone(() => model.Predict(x, batchSize: 64), "in Predict");
        Leak.AssertNone(() => model.Predict(data), "in Predict(dataset)");
    }

    [Fact]
    public void Evaluate_OnASplitPartWithReorderedTasks_MatchesMetricsComputedByHand()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(80, seed: 12);
        using var data = MultiTaskDataset.FromArrays(x, tasks, targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(4, [8]), seed: 13);
        var rows = Enumerable.Range(0, 80).Where(i => i % 4 != 1).Reverse().ToArray();
        var view = data.Subset(rows).SelectTasks("band", "sign", "value");

        var report = model.Evaluate(view, batchSize: 16);

        var predicted = model.Predict(x);
        var value = targets[0].Values!;
        var sign = targets[1].Labels!;
        double mse = rows.Average(i => Math.Pow((double)predicted.Regression("value").Values[i] - value[i], 2));
        double accuracy = rows.Average(i => predicted.Binary("sign").Labels[i] == sign[i] ? 1.0 : 0.0);
        report.RowCount.Should().Be(60);
        report.Tasks.Select(t => t.Task.Name).Should().Equal("value", "sign", "band");
        report["value"]["MSE"].Should().BeApproximately(mse, 1e-9);
        report["sign"]["Accuracy"].Should().BeApproximately(accuracy, 1e-12);
        Leak.AssertNone(() => model.Evaluate(view, batchSize: 16), "of evaluating a view");
    }

    [Fact]
    public void Threads_ApplyToPredictEvaluateAndFit_AndAreRestored()
    {
        var (x, tasks, targets) = Problems.ThreeTasks(40, seed: 14);
        using var data = MultiTaskDataset.FromArrays(x, tasks[..1], targets[..1]);
        ThreadProbe? probe = null;
        using var model = MultiTaskModel.Create(tasks[..1], Trunks.Mlp(4, [4]), Heads.Custom("probe", (input, output) => probe = new ThreadProbe(input, output)), seed: 15);
        int outside = torch.get_num_threads();
        try
        {
            torch.set_num_threads(2);
            model.Threads = 1;

            model.Predict(x);
            model.Evaluate(data);
            using (var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 1, BatchSize = 20 }))
            {
                trainer.Fit(data);
            }

            probe!.Seen.Should().NotBeEmpty().And.OnlyContain(n => n == 1);
            torch.get_num_threads().Should().Be(2, "the caller's setting is restored");
        }
        finally
        {
            torch.set_num_threads(outside);
        }

        var act = () => model.Threads = 0;
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*Threads*≥ 1*");
    }

    private sealed class ThreadProbe : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.Linear _linear;

        public ThreadProbe(int input, int output)
            : base("probe")
        {
            _linear = nn.Linear(input, output);
            RegisterComponents();
        }

        public List<int> Seen { get; } = [];

        public override Tensor forward(Tensor input)
        {
            Seen.Add(torch.get_num_threads());
            return _linear.forward(input);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _linear.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private static float[] Flatten(float[,] x)
    {
        var flat = new float[x.Length];
        Buffer.BlockCopy(x, 0, flat, 0, x.Length * sizeof(float));
        return flat;
    }
}
