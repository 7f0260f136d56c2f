// SentimentTopic: one LSTM text trunk shared by two tasks (sentiment and review domain) against one single-task model
// per task, on the 3,000 sentences of the Sentiment Labelled Sentences corpus (see data/README.md).
using System.Diagnostics;
using System.Globalization;
using MultiTask;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Training;
using SentimentTopic;

// First: TorchSharp's native library, with a message that names the fix when it cannot load (e.g. an old libstdc++).
try { MultiTaskRuntime.EnsureAvailable(); }
catch (TorchNativeLibraryException e) { Console.Error.WriteLine(e.Message); Environment.ExitCode = 1; return; }

const int SplitSeed = 2015;
const int ModelSeed = 7;
const int MaxTokens = 40;

var clock = Stopwatch.StartNew();
string dataFolder = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "data");
var sentences = SentenceCorpus.Load(dataFolder);
var (trainSentences, validationSentences, testSentences) = SentenceCorpus.Split(sentences, validationFraction: 0.15, testFraction: 0.15, seed: SplitSeed);

// The built-in tokenizer: lower-cased words (invariant culture), emoji kept whole, URLs and @handles folded into
// <url> and <user>. The vocabulary sees the training sentences only; words first met in validation or test map to the
// unknown id.
var tokenizer = new TextTokenizer { NormalizeUrls = true, NormalizeUserHandles = true };
var vocabulary = TokenVocabulary.Build(trainSentences.Select(s => s.Text), minCount: 2, tokenizer: tokenizer);
TaskSpec[] tasks = [TaskSpec.Binary("sentiment"), TaskSpec.Multiclass("domain", SentenceCorpus.Domains.Length)];
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"{sentences.Count} sentences: {trainSentences.Length} train / {validationSentences.Length} validation / {testSentences.Length} test (seed {SplitSeed})"));
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"vocabulary: {vocabulary.Count} ids (training words seen at least twice, plus padding and unknown); sentences cut at {MaxTokens} tokens"));
Console.WriteLine($"tokens of \"{trainSentences[0].Text}\": {string.Join(" | ", tokenizer.Tokenize(trainSentences[0].Text))}");

using var train = ToDataset(trainSentences);
using var validation = ToDataset(validationSentences);
using var test = ToDataset(testSentences);

var trunk = Trunks.Text(vocabulary.Count, embeddingSize: 64, hiddenSize: 64, cell: RecurrentCell.Lstm, dropout: 0.3, paddingId: vocabulary.PaddingId);
// One thread: on a 2-core machine shared with other work, two threads made the steps of this small LSTM up to ten times
// slower (same results: training is deterministic for a seed on CPU).
var options = new TrainerOptions { Epochs = 20, BatchSize = 32, LearningRate = 3e-3, EarlyStoppingPatience = 3, Seed = ModelSeed, Threads = 1 };
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"trunk: embedding {trunk.EmbeddingSize}, {trunk.Cell} hidden {trunk.HiddenSize}, dropout {trunk.Dropout}; Adam lr {options.LearningRate}, batch {options.BatchSize}, up to {options.Epochs} epochs, early-stopping patience {options.EarlyStoppingPatience}"));
Console.WriteLine();

using var multiTask = ModelTraining.Train("multi-task", train, validation, trunk, options, ModelSeed);
var multiReport = multiTask.Evaluate(test);
Console.WriteLine();
Console.WriteLine(multiTask.Summary());
var rows = new List<ResultsTable.Row>();
foreach (var task in tasks)
{
    // Views of the datasets above: they share their token tensors, so there is nothing to copy or dispose.
    var singleTrain = train.SelectTasks(task.Name);
    var singleValidation = validation.SelectTasks(task.Name);
    var singleTest = test.SelectTasks(task.Name);
    using var single = ModelTraining.Train($"{task.Name} only", singleTrain, singleValidation, trunk, options, ModelSeed);
    var singleReport = single.Evaluate(singleTest);
    rows.Add(new ResultsTable.Row(task.Name, MetricNames.Accuracy, singleReport[task.Name][MetricNames.Accuracy], multiReport[task.Name][MetricNames.Accuracy]));
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Test set ({test.RowCount} sentences):"));
ResultsTable.Print(rows);
double worst = rows.SelectMany(r => new[] { r.SingleTask, r.MultiTask }).Max(p => Math.Sqrt(p * (1 - p) / test.RowCount));
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"(one standard error of these accuracies on {test.RowCount} sentences is at most {worst:F3}; smaller differences are noise)"));

Console.WriteLine();
Console.WriteLine("Multi-task predictions for new sentences:");
string[] examples =
[
    "The battery died after two days and support never answered.",
    "A wonderful film with a brilliant cast.",
    "The waiter was friendly and the pasta was delicious.",
];
var predictions = multiTask.Predict(vocabulary.EncodeAll(examples, MaxTokens));
for (int i = 0; i < examples.Length; i++)
{
    double positive = predictions.Binary("sentiment").Probabilities[i];
    int domain = predictions.Multiclass("domain").Labels[i];
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"  P(positive) {positive:F2}, domain {SentenceCorpus.Domains[domain].Name,-6}  \"{examples[i]}\""));
}

Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total runtime: {clock.Elapsed.TotalSeconds:F1} s"));

MultiTaskDataset ToDataset(IReadOnlyList<LabelledSentence> part) => MultiTaskDataset.FromTokens(
    vocabulary.EncodeAll(part.Select(s => s.Text), MaxTokens),
    tasks,
    [part.Select(s => s.Sentiment).ToArray(), part.Select(s => s.Domain).ToArray()],
    vocabulary.PaddingId);
