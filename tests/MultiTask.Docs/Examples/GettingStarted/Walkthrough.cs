// begin-snippet: getting-started-data
using MultiTask;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Prediction;
using MultiTask.Training;
// end-snippet
using MultiTask.Docs.Tool;

namespace MultiTask.Docs.Examples.GettingStarted;

/// <summary>The walk-through of docs/getting-started.md: one program, shown in eight snippets, with one output.</summary>
internal static class Walkthrough
{
    [DocExample("getting-started-walkthrough")]
    public static void Run()
    {
        // begin-snippet: getting-started-data
        // 1,000 rows of 8 features in [−1, 1]; three tasks driven by the same hidden score.
        const int Rows = 1000, FeatureCount = 8;
        var random = new Random(42);
        var features = new float[Rows, FeatureCount];
        var price = new float[Rows];   // regression targets
        var churn = new int[Rows];     // binary labels 0 / 1
        var segment = new int[Rows];   // class labels 0, 1, 2
        for (int i = 0; i < Rows; i++)
        {
            for (int j = 0; j < FeatureCount; j++)
            {
                features[i, j] = (float)((random.NextDouble() * 2) - 1);
            }

            float score = features[i, 0] + (0.5f * features[i, 1]) - features[i, 2];
            price[i] = (3 * score) + features[i, 3];
            bool noise = random.NextDouble() < 0.1;                          // 10 % of churn labels are flipped
            churn[i] = (score + (0.3f * features[i, 4]) > 0) != noise ? 1 : 0;
            segment[i] = score < -0.5f ? 0 : score < 0.5f ? 1 : 2;

            if (i % 5 == 0)
            {
                price[i] = float.NaN;                // a missing real value
            }

            if (i % 7 == 0)
            {
                churn[i] = TaskSpec.MissingClass;    // a missing class label (−1)
            }
        }
        // end-snippet

        // begin-snippet: getting-started-tasks
        TaskSpec[] tasks =
        [
            TaskSpec.Regression("price"),                   // loss: MeanSquaredError (or MeanAbsoluteError, Huber)
            TaskSpec.Binary("churn"),                       // loss: binary cross-entropy on one logit
            TaskSpec.Multiclass("segment", classCount: 3),  // loss: cross-entropy on 3 logits
        ];

        // One target array per task, in task order; float[], double[] and int[] convert to TaskTargets implicitly.
        using var data = MultiTaskDataset.FromArrays(features, tasks, [price, churn, segment]);
        Console.WriteLine($"{data.RowCount} rows, {data.InputWidth} features; labelled: price {data.LabelCount("price")}, " +
            $"churn {data.LabelCount("churn")}, segment {data.LabelCount("segment")}");
        // end-snippet

        // begin-snippet: getting-started-split
        // Reproducible for a seed; each part has ⌈fraction × rows⌉ rows, the rest is training data.
        var split = data.TrainValidationTestSplit(validationFraction: 0.15, testFraction: 0.15, seed: 42);
        Console.WriteLine($"train {split.Train.RowCount}, validation {split.Validation!.RowCount}, test {split.Test.RowCount}");
        // end-snippet

        // begin-snippet: getting-started-model
        using var model = MultiTaskModel.Create(
            tasks,
            Trunks.Mlp(inputSize: FeatureCount, hiddenSizes: [64, 32], activation: Activation.ReLU, dropout: 0.1),
            head: Heads.Mlp([16]),                                                               // every task's head
            taskHeads: new Dictionary<string, HeadSpec> { ["segment"] = Heads.Mlp([32, 16]) },   // except these
            seed: 42);
        Console.WriteLine($"{model.ParameterCount} parameters, {model.SharedParameters.Sum(p => p.numel())} in the shared trunk");
        // end-snippet

        // begin-snippet: getting-started-train
        var options = new TrainerOptions
        {
            Optimizer = OptimizerKind.AdamW,
            LearningRate = 3e-3,
            WeightDecay = 1e-4,
            Epochs = 60,
            BatchSize = 64,
            TaskWeights = new Dictionary<string, double> { ["price"] = 0.5 },   // loss = 0.5·L_price + L_churn + L_segment
            MaxGradientNorm = 5.0,
            EarlyStoppingPatience = 8,
            Seed = 42,
            Threads = 1,
        };

        using var trainer = new MultiTaskTrainer(model, options);
        TrainingHistory history = trainer.Fit(split.Train, split.Validation, epoch =>
        {
            if (epoch.Epoch % 10 == 0)   // epoch.Elapsed has the epoch's duration
            {
                Console.WriteLine($"epoch {epoch.Epoch}/{epoch.TotalEpochs}: train {epoch.TrainLoss:F4}, " +
                    $"validation {epoch.ValidationLoss:F4}, churn train {epoch["churn"].TrainLoss:F4}");
            }
        });
        Console.WriteLine($"best epoch {history.BestEpoch} of {history.Epochs.Count}; stopped early: {history.StoppedEarly}; " +
            $"restored best weights: {history.RestoredBestWeights}");
        // end-snippet

        // begin-snippet: getting-started-evaluate
        EvaluationReport report = model.Evaluate(split.Test);
        Console.WriteLine($"price: RMSE {report["price"][MetricNames.RootMeanSquaredError]:F3}, R² {report["price"][MetricNames.R2]:F3}");
        Console.WriteLine($"churn: accuracy {report["churn"][MetricNames.Accuracy]:F3}, ROC AUC {report["churn"][MetricNames.RocAuc]:F3}");
        Console.WriteLine($"segment: accuracy {report["segment"]["Accuracy"]:F3}, macro-F1 {report["segment"][MetricNames.MacroF1]:F3}");
        foreach (TaskEvaluation task in report.Tasks)
        {
            Console.WriteLine($"  {task.Task.Name}: loss {task.Loss:F4} over {task.LabelledRows} labelled rows; " +
                string.Join(", ", task.Metrics.Select(m => $"{m.Key} {m.Value:F3}")));
        }
        // end-snippet

        // begin-snippet: getting-started-predict
        float[,] newCustomers =
        {
            { 0.9f, 0.2f, -0.8f, 0.1f, 0.0f, 0.3f, -0.2f, 0.5f },
            { -0.7f, -0.4f, 0.6f, 0.0f, -0.2f, 0.1f, 0.4f, -0.3f },
        };
        TaskPredictions predictions = model.Predict(newCustomers);

        IReadOnlyList<float> prices = predictions.Regression("price").Values;
        BinaryPrediction churnPrediction = predictions.Binary("churn");
        MulticlassPrediction segmentPrediction = predictions.Multiclass("segment");
        for (int i = 0; i < predictions.RowCount; i++)
        {
            Console.WriteLine($"customer {i}: price {prices[i]:F2}, " +
                $"churn p={churnPrediction.Probabilities[i]:F3} (label {churnPrediction.Labels[i]}), " +
                $"segment {segmentPrediction.Labels[i]} (p={segmentPrediction.Probabilities[i][segmentPrediction.Labels[i]]:F3})");
        }
        // end-snippet

        // begin-snippet: getting-started-save
        string path = Path.Combine("models", "customers.mtm");
        model.Save(path);   // creates the folder; writes a temporary file, then renames it

        using var loaded = MultiTaskModel.Load(path);
        var reloaded = loaded.Predict(newCustomers);
        float largestDifference = reloaded.Regression("price").Values.Zip(prices, (a, b) => Math.Abs(a - b)).Max();
        Console.WriteLine($"reloaded: {string.Join(", ", loaded.Tasks)}; price predictions agree to 1e-5: {largestDifference < 1e-5f}");
        // end-snippet
    }
}
