// begin-snippet: preprocessing-raw-table-workflow
using MultiTask;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.Preprocessing;
using MultiTask.Tabular.Splitting;
using MultiTask.Training;
// end-snippet
using MultiTask.Docs.Tool;

namespace MultiTask.Docs.Examples.Preprocessing;

/// <summary>docs/preprocessing.md, "The raw-table workflow": split, pipeline with selection, train, attach, predict from raw rows.</summary>
internal static class RawTableWorkflow
{
    [DocExample("preprocessing-raw-table-workflow")]
    public static void Run()
    {
        // begin-snippet: preprocessing-raw-table-workflow
        string[] names =
        [
            "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship",
            "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
        ];
        TabularData table = TabularCsv.Read("tests/data/adult/adult.data.gz", new CsvReadOptions { HasHeader = false, ColumnNames = names });
        table = table.DropDuplicates();                                              // adult repeats a few rows

        // 1. Split the raw table first: 70 % training, 15 % validation, 15 % test, each with the table's income balance.
        TableSplit split = table.Split(new TableSplitOptions { TestFraction = 0.15, ValidationFraction = 0.15, StratifyBy = "income", Seed = 1 });

        // 2. Build the tasks and targets once; the same lists feed the selector and the dataset.
        TaskSpec[] tasks = [TaskSpec.Binary("income")];
        (TabularData Features, TaskTargets[] Targets) Prepare(TabularData part)
        {
            var (features, taskColumns) = TaskColumns.Split(part, "income");
            return (features, [TaskColumns.Labels(taskColumns.Categorical("income"), ["<=50K", ">50K"])]);
        }

        var train = Prepare(split.Train);
        var validation = Prepare(split.Validation!);

        // 3. One pipeline: impute, encode and scale, then keep the 20 columns with the highest F-score for income.
        var pipeline = new Pipeline(
            new ColumnTransformer()
                .Add("num", new Pipeline(new SimpleImputer { Strategy = ImputationStrategy.Median }, new StandardScaler()), ColumnKind.Numeric)
                .Add("cat", new Pipeline(
                    new SimpleImputer { Strategy = ImputationStrategy.MostFrequent },
                    new OneHotEncoder { HandleUnknown = UnknownCategoryHandling.Ignore }), ColumnKind.Categorical),
            new VarianceThreshold(),
            new SelectKBest(ScoreFunction.FClassif, 20));
        FittedPipeline fitted = pipeline.Fit(train.Features, tasks, train.Targets);  // training rows only

        // 4. Train on the transformed training rows; validate on the transformed validation rows.
        float[,] x = fitted.Transform(train.Features).ToFeatureMatrix();
        using var trainData = MultiTaskDataset.FromArrays(x, tasks, train.Targets);
        using var validationData = MultiTaskDataset.FromArrays(fitted.Transform(validation.Features).ToFeatureMatrix(), tasks, validation.Targets);
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(inputSize: x.GetLength(1), hiddenSizes: [32]), seed: 1);
        using (var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 3, BatchSize = 256, LearningRate = 3e-3, Seed = 1 }))
        {
            trainer.Fit(trainData, validationData);
        }

        // 5. Attach the fitted pipeline, predict from raw rows, save, load: the file carries the preprocessing and the selection.
        model.AttachPreprocessing(fitted);
        var (rawTest, _) = TaskColumns.Split(split.Test, "income");
        IReadOnlyList<double> before = model.Predict(rawTest).Binary("income").Probabilities;
        model.Save("adult-selected.mtm");
        using var loaded = MultiTaskModel.Load("adult-selected.mtm");
        IReadOnlyList<double> after = loaded.Predict(rawTest).Binary("income").Probabilities;
        Console.WriteLine($"{x.GetLength(1)} selected features; identical after loading: {before.SequenceEqual(after)}");
        Console.WriteLine(string.Join(", ", ((FittedColumnSelection)fitted.Steps[^1]).SelectedColumns.Take(5)));
        // end-snippet
    }
}
