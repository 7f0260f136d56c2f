// Package smoke test, run by .ci/package-smoke in a fresh console app that references the packed MultiTask and
// MultiTask.Tabular packages and TorchSharp-cpu: train a two-task model, save it, load it, and check that the loaded
// model predicts exactly what the trained one does. Exit code 0 on success, 1 on a mismatch; an exception exits
// non-zero too.
using MultiTask;
using MultiTask.Data;
using MultiTask.Models;
using MultiTask.Training;

const int Rows = 512, Features = 6, Seed = 7;

// Data: two related tasks from a seeded generator: price = x·w + noise (regression) and churn = [x·w > 0] (binary).
var random = new Random(Seed);
var features = new float[Rows, Features];
var price = new float[Rows];
var churn = new int[Rows];
float[] weights = [0.8f, -0.5f, 0.3f, 0.0f, 1.2f, -0.7f];
for (int row = 0; row < Rows; row++)
{
    float y = 0;
    for (int column = 0; column < Features; column++)
    {
        features[row, column] = (float)((random.NextDouble() * 4) - 2);
        y += features[row, column] * weights[column];
    }

    price[row] = y + (float)((random.NextDouble() - 0.5) * 0.1);
    churn[row] = y > 0 ? 1 : 0;
}

TaskSpec[] tasks = [TaskSpec.Regression("price"), TaskSpec.Binary("churn")];
using var train = MultiTaskDataset.FromArrays(features, tasks, [price, churn]);
using var model = MultiTaskModel.Create(tasks, Trunks.Mlp(Features, [32, 16]), Heads.Mlp([8]), seed: Seed);
using (var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 10, Seed = Seed }))
{
    trainer.Fit(train);
}

var before = model.Predict(features);
string path = Path.Combine(Path.GetTempPath(), $"package-smoke-{Environment.ProcessId}.mtm");
try
{
    model.Save(path);
    using var loaded = MultiTaskModel.Load(path);
    var after = loaded.Predict(features);

    var priceBefore = before.Regression("price").Values;
    var priceAfter = after.Regression("price").Values;
    var churnBefore = before.Binary("churn").Probabilities;
    var churnAfter = after.Binary("churn").Probabilities;
    int mismatches = Enumerable.Range(0, Rows).Count(i => priceBefore[i] != priceAfter[i] || churnBefore[i] != churnAfter[i]);

    int correct = Enumerable.Range(0, Rows).Count(i => (churnBefore[i] > 0.5 ? 1 : 0) == churn[i]);
    double accuracy = (double)correct / Rows;
    string tabular = typeof(MultiTask.Tabular.TabularData).Assembly.GetName().Name!;
    Console.WriteLine(FormattableString.Invariant(
        $"package-smoke: trained {tasks.Length} tasks on {Rows} rows, saved and loaded ({new FileInfo(path).Length} bytes); {tabular} loaded"));
    Console.WriteLine(FormattableString.Invariant(
        $"package-smoke: training accuracy of 'churn' {accuracy:F3}; rows whose loaded-model predictions differ: {mismatches}"));

    if (mismatches != 0)
    {
        Console.Error.WriteLine("package-smoke: FAILED, the loaded model's predictions differ from the trained model's");
        return 1;
    }

    if (accuracy < 0.75)
    {
        Console.Error.WriteLine("package-smoke: FAILED, the model did not learn the binary task (accuracy < 0.75)");
        return 1;
    }

    Console.WriteLine("package-smoke: OK");
    return 0;
}
finally
{
    File.Delete(path);
}
