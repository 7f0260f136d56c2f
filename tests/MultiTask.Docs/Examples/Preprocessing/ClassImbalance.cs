// begin-snippet: preprocessing-class-imbalance
using MultiTask.Tabular.Imbalance;
// end-snippet
using MultiTask.Data;
using MultiTask.Docs.Tool;

namespace MultiTask.Docs.Examples.Preprocessing;

/// <summary>The class-imbalance section of docs/preprocessing.md, on a small imbalanced churn task.</summary>
internal static class ClassImbalance
{
    [DocExample("preprocessing-class-imbalance")]
    public static void Run()
    {
        var features = new float[10, 1];
        int[] churnLabels = [0, 0, 0, 0, 0, 0, 0, 1, 1, -1];
        for (int i = 0; i < 10; i++)
        {
            features[i, 0] = i;
        }

        using var data = MultiTaskDataset.FromArrays(features, [TaskSpec.Binary("churn")], [churnLabels]);

        // begin-snippet: preprocessing-class-imbalance
        // data: 10 rows; churn labels 0 (7 rows), 1 (2 rows), missing (1 row)
        var labels = data.GetLabels("churn");
        var churn = TaskSpec.Binary("churn").WithClassWeights(ClassBalancing.BalancedWeights(labels, 2));
        var balanced = ClassBalancing.Oversample(data, "churn", seed: 1);   // a view of data: no using
        Console.WriteLine($"class weights {string.Join(", ", churn.ClassWeights!.Select(w => w.ToString("F4")))}; " +
            $"oversampled rows {balanced.RowCount}, churn labels {balanced.LabelCount("churn")}");
        // end-snippet
    }
}
