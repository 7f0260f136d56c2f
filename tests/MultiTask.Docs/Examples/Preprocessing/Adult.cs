// begin-snippet: preprocessing-adult
using System.Text.Json.Nodes;
using MultiTask;
using MultiTask.Data;
using MultiTask.Tabular;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Tabular.Preprocessing;
using MultiTask.Training;
// end-snippet
using MultiTask.Docs.Tool;

namespace MultiTask.Docs.Examples.Preprocessing;

/// <summary>The worked example of docs/preprocessing.md: adult, two tasks, preprocessing saved with the model.</summary>
internal static class Adult
{
    [DocExample("preprocessing-adult")]
    public static void Run()
    {
        // begin-snippet: preprocessing-adult
        string[] names =
        [
            "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship",
            "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
        ];
        var read = new CsvReadOptions { HasHeader = false, ColumnNames = names };     // '?' is missing by default
        TabularData train = TabularCsv.Read("tests/data/adult/adult.data.gz", read);
        TabularData test = TabularCsv.Read("tests/data/adult/adult.test.gz", new CsvReadOptions { HasHeader = false, ColumnNames = names, SkipLines = 1 });

        var (trainFeatures, trainTasks) = TaskColumns.Split(train, "income", "relationship");
        var (testFeatures, testTasks) = TaskColumns.Split(test, "income", "relationship");

        // Numeric: median imputation, then standardisation. Categorical: most frequent, then one-hot with rare
        // categories (< 50 rows) grouped and unseen ones sent to that group.
        var preprocessing = new ColumnTransformer()
            .Add("num", new Pipeline(new SimpleImputer { Strategy = ImputationStrategy.Median }, new StandardScaler()), ColumnKind.Numeric)
            .Add("cat", new Pipeline(
                new SimpleImputer { Strategy = ImputationStrategy.MostFrequent },
                new OneHotEncoder { MinFrequency = 50, HandleUnknown = UnknownCategoryHandling.InfrequentIfExist }), ColumnKind.Categorical);
        FittedColumnTransformer fitted = preprocessing.Fit(trainFeatures);          // training rows only
        float[,] xTrain = fitted.Transform(trainFeatures).ToFeatureMatrix();
        float[,] xTest = fitted.Transform(testFeatures).ToFeatureMatrix();
        Console.WriteLine($"{xTrain.GetLength(1)} features from {trainFeatures.Columns.Count} columns");

        // Targets: adult.test writes its income labels with a trailing period.
        static int Income(string value) => value.TrimEnd('.') switch { "<=50K" => 0, ">50K" => 1, _ => -1 };
        string[] relationships = [.. trainTasks.Categorical("relationship").Categories];
        TaskSpec[] tasks = [TaskSpec.Binary("income"), TaskSpec.Multiclass("relationship", relationships.Length)];
        TaskTargets[] Targets(TabularData t) =>
        [
            TaskColumns.Labels(t.Categorical("income"), Income),
            TaskColumns.Labels(t.Categorical("relationship"), relationships),
        ];
        using var trainData = MultiTaskDataset.FromArrays(xTrain, tasks, Targets(trainTasks));
        using var testData = MultiTaskDataset.FromArrays(xTest, tasks, Targets(testTasks));

        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(inputSize: xTrain.GetLength(1), hiddenSizes: [64, 32]), seed: 1);
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 3, BatchSize = 256, LearningRate = 3e-3, Seed = 1, Threads = 1 });
        trainer.Fit(trainData);
        EvaluationReport report = model.Evaluate(testData);
        Console.WriteLine($"income AUC {report["income"][MetricNames.RocAuc]:F3}, relationship accuracy {report["relationship"][MetricNames.Accuracy]:F3}");

        // The fitted preprocessing travels with the model: the saved file predicts from raw rows.
        model.AttachPreprocessing(fitted);
        model.Save("adult.mtm");
        using var loaded = MultiTaskModel.Load("adult.mtm");
        var raw = loaded.Predict(testFeatures.TakeRows([0, 1, 2]));
        Console.WriteLine($"P(income > 50K) of three raw test rows: {string.Join(", ", raw.Binary("income").Probabilities.Select(p => p.ToString("F2")))}");

        // The fitted steps alone also round-trip through JSON.
        var restored = FittedTransforms.FromJson((JsonObject)JsonNode.Parse(fitted.ToJson().ToJsonString())!);
        Console.WriteLine($"restored '{restored.Kind}': {restored.Transform(testFeatures).Columns.Count} columns");
        // end-snippet
    }
}
