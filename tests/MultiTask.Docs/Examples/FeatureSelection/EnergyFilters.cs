// begin-snippet: feature-selection-energy
using System.Globalization;
using MultiTask;
using MultiTask.Data;
using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.Preprocessing;
// end-snippet
using MultiTask.Docs.Tool;

namespace MultiTask.Docs.Examples.FeatureSelection;

/// <summary>docs/feature-selection.md: the opening example, the score functions and the energy-efficiency worked example.</summary>
internal static class EnergyFilters
{
    [DocExample("feature-selection-intro")]
    public static void Intro()
    {
        var (features, _, energyLoads) = LoadEnergy();
        TaskTargets heating = energyLoads[0], cooling = energyLoads[1];

        // begin-snippet: feature-selection-intro
        TaskSpec[] tasks = [TaskSpec.Regression("heating_load"), TaskSpec.Regression("cooling_load")];
        TaskTargets[] loads = [heating, cooling];                  // the same lists MultiTaskDataset.FromArrays takes
        var scorer = new FeatureScorer(ScoreFunction.FRegression) { Aggregation = TaskAggregation.Rank };
        FittedColumnSelection selection = new SelectKBest(scorer, k: 4).Fit(features, tasks, loads);
        TabularData reduced = selection.Transform(features);
        // end-snippet
    }

    [DocExample("feature-selection-score-functions")]
    public static void ScoreFunctionsOnArrays()
    {
        // begin-snippet: feature-selection-score-functions
        double[,] x = { { 1, 0.5 }, { 2, 0.1 }, { 3, 0.9 }, { 4, 0.4 }, { 5, 0.2 }, { 6, 0.7 } };
        int[] labels = [0, 0, 0, 1, 1, 1];
        FeatureScores anova = ScoreFunctions.FClassif(x, labels);     // scores and p-values, as sklearn.feature_selection.f_classif
        FeatureScores info = ScoreFunctions.MutualInfoClassification(x, labels, neighbors: 3, seed: 0);  // no p-values
        // end-snippet
    }

    [DocExample("feature-selection-filters")]
    public static void WorkedExample()
    {
        var (features, tasks, loads) = LoadEnergy();

        // begin-snippet: feature-selection-filters
        FittedColumnSelection variance = new VarianceThreshold().Fit(features);             // drops constant columns: none here
        FittedColumnSelection decorrelated = new CorrelationFilter { Threshold = 0.9 }.Fit(features); // |r| > 0.9 with an earlier kept column
        Console.WriteLine(string.Join(", ", decorrelated.SelectedColumns));
        // end-snippet

        DocOutput.Section("feature-selection-scores");
        // begin-snippet: feature-selection-scores
        var scorer = new FeatureScorer(ScoreFunction.FRegression) { Aggregation = TaskAggregation.Rank };
        MultiTaskFeatureScores scores = scorer.Score(features, tasks, loads);
        for (int j = 0; j < scores.Features.Count; j++)
        {
            Console.WriteLine($"{scores.Features[j],-21} F(heating) {scores.TaskScores[0].Scores[j],8:F1}  F(cooling) {scores.TaskScores[1].Scores[j],8:F1}  combined {scores.Scores[j],5:F1}");
        }
        // end-snippet

        DocOutput.Section("feature-selection-select");
        // begin-snippet: feature-selection-select
        FittedColumnSelection selection = new SelectKBest(scorer, k: 4).Fit(features, tasks, loads);
        Console.WriteLine(string.Join(", ", selection.SelectedColumns));
        TabularData reduced = selection.Transform(features);   // the same columns for training, validation, test and prediction
        // end-snippet

        DocOutput.Section("feature-selection-chained");
        // begin-snippet: feature-selection-chained
        TabularData kept = decorrelated.Transform(features);
        FittedColumnSelection chained = new SelectKBest(scorer, k: 3).Fit(kept, tasks, loads);
        Console.WriteLine(string.Join(", ", chained.SelectedColumns));
        // end-snippet

        DocOutput.Section("feature-selection-mutual-information");
        // begin-snippet: feature-selection-mutual-information
        var mi = new SelectKBest(new FeatureScorer(ScoreFunction.MutualInfoRegression) { Aggregation = TaskAggregation.Mean, Seed = 0 }, k: 4);
        MultiTaskFeatureScores miScores = mi.ScoreFeatures(features, tasks, loads);
        Console.WriteLine(string.Join(", ", miScores.Scores.Select(s => s.ToString("F3", CultureInfo.InvariantCulture))));
        Console.WriteLine(string.Join(", ", mi.Select(miScores).SelectedColumns));
        // end-snippet

        // begin-snippet: feature-selection-save
        var saved = selection.ToJson().ToJsonString();
        var restored = (FittedColumnSelection)FittedTransforms.FromJson(System.Text.Json.Nodes.JsonNode.Parse(saved)!.AsObject());
        // end-snippet

        DocOutput.Section("feature-selection-pipeline");
        // begin-snippet: feature-selection-pipeline
        var pipeline = new Pipeline(new StandardScaler(), new CorrelationFilter { Threshold = 0.9 }, new SelectKBest(scorer, k: 3));
        FittedPipeline fitted = pipeline.Fit(features, tasks, loads);                      // training rows only
        var chosen = (FittedColumnSelection)fitted.Steps[^1];
        Console.WriteLine(string.Join(", ", chosen.SelectedColumns));
        // end-snippet
    }

    private static (TabularData Features, TaskSpec[] Tasks, TaskTargets[] Loads) LoadEnergy()
    {
        // begin-snippet: feature-selection-energy
        string[] lines = File.ReadAllLines("tests/data/energy-efficiency/ENB2012_data.csv");
        string[] names = ["compactness", "surface_area", "wall_area", "roof_area", "height", "orientation", "glazing_area", "glazing_distribution"];
        double[][] rows = lines.Skip(1)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();
        var features = new TabularData(names.Select((n, j) => (TabularColumn)new NumericColumn(n, rows.Select(r => r[j]).ToArray())));
        TaskSpec[] tasks = [TaskSpec.Regression("heating_load"), TaskSpec.Regression("cooling_load")];
        TaskTargets[] loads = [rows.Select(r => r[8]).ToArray(), rows.Select(r => r[9]).ToArray()];   // as for MultiTaskDataset.FromArrays
        // end-snippet
        return (features, tasks, loads);
    }
}
