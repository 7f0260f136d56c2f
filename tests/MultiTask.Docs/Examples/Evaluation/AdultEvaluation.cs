// begin-snippet: evaluation-adult
using MultiTask;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Interpretability;
using MultiTask.Models;
using MultiTask.Reporting;
using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;
using MultiTask.Tabular.Splitting;
using MultiTask.Tabular.Validation;
using MultiTask.Training;
using MultiTask.Weighting;
// end-snippet
using MultiTask.Docs.Tool;

namespace MultiTask.Docs.Examples.Evaluation;

/// <summary>The worked example of docs/evaluation.md: metrics, curves, fairness and Δm on a part of Adult.</summary>
internal static class AdultEvaluation
{
    [DocExample("evaluation-metrics")]
    public static void Run()
    {
        // begin-snippet: evaluation-adult
        string[] names =
        [
            "age", "workclass", "fnlwgt", "education", "education-num", "marital-status", "occupation", "relationship",
            "race", "sex", "capital-gain", "capital-loss", "hours-per-week", "native-country", "income",
        ];
        var train = TabularCsv.Read("tests/data/adult/adult.data.gz", new CsvReadOptions { HasHeader = false, ColumnNames = names })
            .TakeRows([.. Enumerable.Range(0, 4000)]);
        var test = TabularCsv.Read("tests/data/adult/adult.test.gz", new CsvReadOptions { HasHeader = false, ColumnNames = names, SkipLines = 1 })
            .TakeRows([.. Enumerable.Range(0, 2000)]);
        var (trainFeatures, trainTasks) = TaskColumns.Split(train, "income", "relationship");
        var (testFeatures, testTasks) = TaskColumns.Split(test, "income", "relationship");
        var preprocessing = new ColumnTransformer()
            .Add("num", new StandardScaler(), ColumnKind.Numeric)
            .Add("cat", new OneHotEncoder { HandleUnknown = UnknownCategoryHandling.Ignore }, ColumnKind.Categorical);
        var fitted = preprocessing.Fit(trainFeatures);
        float[,] xTrain = fitted.Transform(trainFeatures).ToFeatureMatrix(), xTest = fitted.Transform(testFeatures).ToFeatureMatrix();
        static int Income(string value) => value.TrimEnd('.') == ">50K" ? 1 : 0;
        string[] relationships = [.. trainTasks.Categorical("relationship").Categories];
        TaskTargets[] Targets(TabularData t) =>
            [TaskColumns.Labels(t.Categorical("income"), Income), TaskColumns.Labels(t.Categorical("relationship"), relationships)];
        // end-snippet

        // begin-snippet: evaluation-metric-lists
        // A custom metric: the recall of class 0 (specificity).
        var specificity = new CustomMetric("Specificity", higherIsBetter: true, MetricInput.Labels,
            d => Metrics.Recall(d.ActualLabels, d.PredictedLabels, positiveLabel: 0), TaskKind.Binary);
        TaskSpec[] tasks =
        [
            TaskSpec.Binary("income")
                .WithMetrics(StandardMetrics.Accuracy, StandardMetrics.F1, StandardMetrics.RocAuc, StandardMetrics.AveragePrecision, StandardMetrics.BrierScore, specificity)
                .WithDecisionThreshold(0.4),                  // label 1 when P(>50K) > 0.4
            TaskSpec.Multiclass("relationship", relationships.Length)
                .WithMetrics(StandardMetrics.Accuracy, StandardMetrics.MacroF1, StandardMetrics.WeightedRocAuc, StandardMetrics.PerClassRecall),
        ];
        using var trainData = MultiTaskDataset.FromArrays(xTrain, tasks, Targets(trainTasks));
        using var testData = MultiTaskDataset.FromArrays(xTest, tasks, Targets(testTasks));
        var options = new TrainerOptions { Epochs = 5, BatchSize = 128, LearningRate = 3e-3, Seed = 1, Threads = 1 };
        using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(xTrain.GetLength(1), [32]), seed: 1);
        TrainingHistory history;
        using (var trainer = new MultiTaskTrainer(model, options))
        {
            history = trainer.Fit(trainData);
        }

        EvaluationReport report = model.Evaluate(testData);
        foreach (var task in report.Tasks)
        {
            Console.WriteLine($"{task.Task.Name}: {string.Join(", ", task.Metrics.Select(m => $"{m.Key} {m.Value:F3}"))}");
        }

        var recall = report["relationship"].PerClassMetrics[MetricNames.PerClassRecall];
        Console.WriteLine($"recall per relationship: {string.Join(", ", relationships.Select((r, k) => $"{r} {recall[k]:F2}"))}");
        // end-snippet

        DocOutput.Section("evaluation-curves");
        // begin-snippet: evaluation-curves
        MetricData income = report["income"].Data!;             // the labelled test rows and their predictions
        var matrix = ConfusionMatrix.Compute(income.ActualLabels, income.PredictedLabels, classCount: 2);
        var byTrue = matrix.Normalized(ConfusionNormalization.True);
        Console.WriteLine($"confusion [[{matrix[0, 0]}, {matrix[0, 1]}], [{matrix[1, 0]}, {matrix[1, 1]}]]; recall of >50K {byTrue[1, 1]:F3}");
        var roc = RocCurve.Compute(income.ActualLabels, income.Scores);
        var pr = PrecisionRecallCurve.Compute(income.ActualLabels, income.Scores);
        Console.WriteLine($"ROC: {roc.Thresholds.Count} points; PR: {pr.Thresholds.Count} thresholds");
        var calibration = CalibrationCurve.Compute(income.ActualLabels, income.Scores, binCount: 5, CalibrationBinning.Quantile);
        Console.WriteLine("calibration (mean predicted → fraction positive): " + string.Join(", ",
            calibration.MeanPredictedProbability.Zip(calibration.FractionOfPositives, (p, f) => $"{p:F2}→{f:F2}")));
        // end-snippet

        DocOutput.Section("evaluation-fairness");
        // begin-snippet: evaluation-fairness
        string[] sex = [.. test.Categorical("sex").Values.Select(v => v ?? "?")];
        var fairness = GroupFairness.Compute(report, "income", sex);
        for (int g = 0; g < fairness.Groups.Count; g++)
        {
            Console.WriteLine($"{fairness.Groups[g]}: {fairness.RowCounts[g]} rows, selection rate {fairness.SelectionRates[g]:F3}, " +
                $"TPR {fairness.TruePositiveRates[g]:F3}, FPR {fairness.FalsePositiveRates[g]:F3}, F1 {fairness.MetricsByGroup[g][MetricNames.F1]:F3}");
        }

        Console.WriteLine($"demographic-parity difference {fairness.DemographicParityDifference:F3}, equalised-odds difference {fairness.EqualizedOddsDifference:F3}");
        // end-snippet

        DocOutput.Section("evaluation-interpretability");
        // begin-snippet: evaluation-interpretability
        // Which features does each task rely on? 500 test rows; one evaluation per feature and repeat.
        var sample = testData.Subset([.. Enumerable.Range(0, 500)]);
        string[] featureNames = [.. fitted.Transform(testFeatures).ColumnNames];
        var importance = PermutationImportance.Compute(model, sample, new PermutationImportanceOptions { Repeats = 3, Seed = 1 });
        foreach (var t in importance.Tasks)
        {
            Console.WriteLine($"{t.Task.Name}, drop in {t.Metric}: " +
                string.Join(", ", t.Ranking().Take(3).Select(f => $"{featureNames[f]} {t.Mean[f]:F3} ± {t.StandardDeviation[f]:F3}")));
        }

        var saliency = GradientSaliency.Compute(model, sample);
        foreach (var t in saliency.Tasks)
        {
            var top = Enumerable.Range(0, t.FeatureCount).OrderByDescending(f => t.MeanAbsolute[f]).Take(3);
            Console.WriteLine($"{t.Task.Name}, mean |gradient × input|: {string.Join(", ", top.Select(f => $"{featureNames[f]} {t.MeanAbsolute[f]:F3}"))}");
        }

        // Does a step on one task help the other? Z[i→j] > 0: a lookahead step on i's loss lowers j's loss.
        var affinity = TaskAffinity.Compute(model, trainData, new TaskAffinityOptions { LearningRate = 0.1, BatchSize = 128 });
        foreach (var source in tasks)
        {
            Console.WriteLine($"step on {source.Name}: " + string.Join(", ", tasks.Select(target => $"Z→{target.Name} {affinity[source.Name, target.Name]:F4}")));
        }
        // end-snippet

        DocOutput.Section("evaluation-delta-m");
        // begin-snippet: evaluation-delta-m
        // Single-task baselines: the same trunk, data, seeds and options, one task each.
        var baselines = new List<EvaluationReport>();
        for (int t = 0; t < tasks.Length; t++)
        {
            using var single = MultiTaskModel.Create([tasks[t]], Trunks.Mlp(xTrain.GetLength(1), [32]), seed: 1);
            using var singleTrain = MultiTaskDataset.FromArrays(xTrain, [tasks[t]], [Targets(trainTasks)[t]]);
            using var singleTest = MultiTaskDataset.FromArrays(xTest, [tasks[t]], [Targets(testTasks)[t]]);
            using (var trainer = new MultiTaskTrainer(single, options))
            {
                trainer.Fit(singleTrain);
            }

            baselines.Add(single.Evaluate(singleTest));
        }

        var gain = MultiTaskGain.Compute(report, baselines, [MetricNames.Accuracy, MetricNames.MacroF1]);
        foreach (var c in gain.Comparisons)
        {
            Console.WriteLine($"{c.Task} {c.Metric}: multi-task {c.MultiTask:F3}, single-task {c.Baseline:F3}, {c.RelativeChangePercent:+0.00;-0.00} %");
        }

        Console.WriteLine($"Δm = {gain.DeltaMPercent:+0.00;-0.00} %");
        // end-snippet

        DocOutput.Section("evaluation-cross-validation");
        // begin-snippet: evaluation-cross-validation
        // 3 folds of the 4,000 training rows, stratified on income; the preprocessing is refitted inside every fold.
        var folds = train.KFold(new KFoldOptions { Folds = 3, StratifyBy = "income" });
        var cv = CrossValidation.Run(trainFeatures, tasks, Targets(trainTasks), folds, preprocessing,
            inputs => MultiTaskModel.Create(tasks, Trunks.Mlp(inputs, [32]), seed: 1), new TrainerOptions { Epochs = 3, BatchSize = 128, LearningRate = 3e-3, Seed = 1, Threads = 1 });
        foreach (var s in cv.Summaries.Where(s => s.Metric is MetricNames.Accuracy or MetricNames.MacroF1 or MetricNames.RocAuc))
        {
            Console.WriteLine($"{s.Task} {s.Metric}: {s.Mean:F3} ± {s.StandardDeviation:F3} (folds {string.Join(", ", s.Values.Select(v => v.ToString("F3")))})");
        }
        // end-snippet

        DocOutput.Section("evaluation-comparison");
        // begin-snippet: evaluation-comparison
        // Multi-task (uncertainty weighting) against one single-task model per task: 5 folds of 1,500 rows, the same
        // folds, seeds and trainer options for every model; the preprocessing is fitted once per fold on its training rows.
        var sample1500 = train.TakeRows([.. Enumerable.Range(0, 1500)]);
        var (sampleFeatures, sampleTasks) = TaskColumns.Split(sample1500, "income", "relationship");
        var comparison = ModelComparison.Run(
            sampleFeatures, tasks, Targets(sampleTasks), sample1500.KFold(new KFoldOptions { Folds = 5, StratifyBy = "income" }), preprocessing,
            createMultiTaskModel: inputs => MultiTaskModel.Create(tasks, Trunks.Mlp(inputs, [32]), seed: 1),
            createSingleTaskModel: (task, inputs) => MultiTaskModel.Create([task], Trunks.Mlp(inputs, [32]), seed: 1),
            new TrainerOptions { Epochs = 5, BatchSize = 64, LearningRate = 3e-3, Seed = 1, Threads = 1 },
            weighting: Weightings.Uncertainty(),
            metrics: [MetricNames.Accuracy, MetricNames.F1, MetricNames.MacroF1]);
        Console.WriteLine(comparison.FormatTable());
        // end-snippet

        DocOutput.Section("evaluation-plots");
        // begin-snippet: evaluation-plots
        TrainingPlots.Curves(history, "Adult: loss per task").SavePng("adult-training.png", 800, 500);
        CurvePlots.Roc(roc, "income: ROC curve").SavePng("adult-income-roc.png", 600, 500);
        CurvePlots.PrecisionRecall(pr, "income: precision–recall curve").SaveSvg("adult-income-pr.svg", 600, 500);
        MetricData relationship = report["relationship"].Data!;
        var relationshipMatrix = ConfusionMatrix.Compute(relationship.ActualLabels, relationship.PredictedLabels, relationships.Length);
        ConfusionMatrixPlot.Heatmap(relationshipMatrix, relationships, ConfusionNormalization.True, "relationship: recall per class")
            .SavePng("adult-relationship-confusion.png", 900, 700);
        BarPlots.DeltaM(gain).SavePng("adult-delta-m.png", 700, 400);
        EvaluationHtmlReport.Write("adult-report.html", report, history, gain, new EvaluationHtmlReportOptions
        {
            Title = "Adult: income and relationship",
            ClassNames = new Dictionary<string, IReadOnlyList<string>> { ["income"] = ["<=50K", ">50K"], ["relationship"] = relationships },
        });
        foreach (var file in Directory.GetFiles(".", "adult-*").Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            Console.WriteLine(file);
        }
        // end-snippet
    }
}
