using MultiTask.Data;
using MultiTask.Docs.Tool;
using MultiTask.Models;
using MultiTask.Training;
using static TorchSharp.torch;

namespace MultiTask.Docs.Examples.GettingStarted;

/// <summary>The "Errors you may see" section of docs/getting-started.md: each bad call, and the message it gets.</summary>
internal static class Errors
{
    [DocExample("getting-started-errors")]
    public static void Run()
    {
        var features = new float[1000, 8];
        var price = new float[1000];
        var churn = new int[1000];
        var segment = new int[1000];
        TaskSpec[] tasks = [TaskSpec.Regression("price"), TaskSpec.Binary("churn"), TaskSpec.Multiclass("segment", classCount: 3)];

        // begin-snippet: getting-started-errors
        static void Show(string call, Func<object> action)
        {
            try
            {
                action();
                Console.WriteLine($"{call}: no error");
            }
            catch (Exception e)
            {
                Console.WriteLine($"{call}\n  {e.GetType().Name}: {e.Message.Replace("\n", "\n  ")}");
            }
        }

        using var data = MultiTaskDataset.FromArrays(features, tasks, [price, churn, segment]);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(inputSize: 8, hiddenSizes: [16]), seed: 1);
        var nan = (float[,])features.Clone();
        nan[7, 2] = float.NaN;
        int[] badSegment = [.. segment];
        badSegment[1] = 3;
        File.WriteAllText("data.csv", "a,b\n1,2\n");
        model.Save("model.mtm");
        File.WriteAllBytes("truncated.mtm", File.ReadAllBytes("model.mtm")[..600]);
        byte[] newer = File.ReadAllBytes("model.mtm");
        newer[8] = 2;                                                    // format version 2
        File.WriteAllBytes("newer.mtm", newer);
        using (var custom = MultiTaskModel.Create(tasks, Trunks.Custom("tanh", InputKind.Features, 8, 4, () => nn.Sequential(nn.Linear(8, 4), nn.Tanh()))))
        {
            custom.Save("custom.mtm");
        }

        using var huge = MultiTaskDataset.FromArrays(features, tasks, [price.Select(_ => 1e30f).ToArray(), churn, segment]);

        Show("target array of the wrong length", () => MultiTaskDataset.FromArrays(features, tasks, [price[..999], churn, segment]));
        Show("wrong number of target arrays", () => MultiTaskDataset.FromArrays(features, tasks, [price, churn]));
        Show("NaN feature", () => MultiTaskDataset.FromArrays(nan, tasks, [price, churn, segment]));
        Show("class label out of range", () => MultiTaskDataset.FromArrays(features, tasks, [price, churn, badSegment]));
        Show("int[] targets for a regression task", () => MultiTaskDataset.FromArrays(features, tasks, [churn, churn, segment]));
        Show("duplicate task name", () => MultiTaskModel.Create([TaskSpec.Regression("price"), TaskSpec.Binary("price")], Trunks.Mlp(8, [16])));
        Show("'.' in a task name", () => TaskSpec.Regression("a.b"));
        Show("a trainer setting out of range", () => new MultiTaskTrainer(model, new TrainerOptions { LearningRate = 0 }));
        Show("a task weight for an unknown task", () => new MultiTaskTrainer(model, new TrainerOptions { TaskWeights = new Dictionary<string, double> { ["prices"] = 1 } }));
        Show("early stopping without validation data", () => new MultiTaskTrainer(model, new TrainerOptions { EarlyStoppingPatience = 3 }).Fit(data));
        Show("features of the wrong width", () => model.Predict(new float[2, 5]));
        Show("unknown task in a report", () => model.Evaluate(data)["prices"]);
        Show("a metric the task does not have", () => model.Evaluate(data)["price"]["Accuracy"]);
        Show("the wrong typed prediction", () => model.Predict(new float[1, 8]).Binary("price"));
        Show("model file missing", () => MultiTaskModel.Load("models/x.mtm"));
        Show("not a model file", () => MultiTaskModel.Load("data.csv"));
        Show("damaged model file", () => MultiTaskModel.Load("truncated.mtm"));
        Show("file written by a newer library", () => MultiTaskModel.Load("newer.mtm"));
        Show("custom trunk without its factory at Load", () => MultiTaskModel.Load("custom.mtm"));
        Show("a factory that builds a different module", () => MultiTaskModel.Load("custom.mtm", new ModuleFactories().AddTrunk("tanh", () => nn.Sequential(nn.Linear(8, 5), nn.Tanh()))));
        Show("a loss that became infinite", () => new MultiTaskTrainer(model, new TrainerOptions()).Fit(huge));
        Show("use after Dispose", () =>
        {
            var disposed = MultiTaskModel.Create(tasks, Trunks.Mlp(8, [16]));
            disposed.Dispose();
            return disposed.Predict(new float[1, 8]);
        });
        // end-snippet
    }
}
