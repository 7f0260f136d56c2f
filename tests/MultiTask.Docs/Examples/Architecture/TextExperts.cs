// begin-snippet: architecture-text-experts
using MultiTask;
using MultiTask.Architectures;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Training;
// end-snippet
using MultiTask.Docs.Tool;

namespace MultiTask.Docs.Examples.Architecture;

/// <summary>The "Text tasks" section of docs/architectures.md: MMoE and PLE with text-encoder experts on token ids.</summary>
internal static class TextExperts
{
    [DocExample("architecture-text-experts")]
    public static void Run()
    {
        // begin-snippet: architecture-text-experts
        // Rows of 1–10 filler words (ids 10–29) with one sentiment word (5 or 6) and one topic word (7, 8 or 9); 0 pads.
        var random = new Random(1);
        var tokenIds = new int[300][];
        var sentiment = new int[tokenIds.Length];
        var topic = new int[tokenIds.Length];
        for (int i = 0; i < tokenIds.Length; i++)
        {
            sentiment[i] = random.Next(2);
            topic[i] = random.Next(3);
            var words = Enumerable.Range(0, random.Next(1, 11)).Select(_ => random.Next(10, 30)).ToList();
            words.Insert(random.Next(words.Count + 1), sentiment[i] == 1 ? 5 : 6);
            words.Insert(random.Next(words.Count + 1), 7 + topic[i]);
            tokenIds[i] = [.. words];
        }

        TaskSpec[] tasks = [TaskSpec.Binary("sentiment"), TaskSpec.Multiclass("topic", classCount: 3)];
        using var data = MultiTaskDataset.FromTokens(tokenIds, tasks, [sentiment, topic]);
        var split = data.TrainTestSplit(testFraction: 0.2, seed: 2);

        // Every expert is its own text encoder; the gates read a bag of token embeddings of width GateEmbeddingSize.
        var encoder = Trunks.Text(vocabularySize: 30, embeddingSize: 8, hiddenSize: 16);
        var architectures = new (string Name, ArchitectureSpec Architecture)[]
        {
            ("MMoE", new MmoeArchitecture { Expert = encoder, ExpertCount = 2, GateEmbeddingSize = 8 }),
            ("PLE", new PleArchitecture { Experts = [encoder, Trunks.Mlp(16, [16])], GateEmbeddingSize = 8 }),
        };
        foreach (var (name, architecture) in architectures)
        {
            using var model = MultiTaskModel.Create(tasks, architecture, seed: 3);
            using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 12, BatchSize = 32, LearningRate = 2e-2, Seed = 4, Threads = 1 });
            trainer.Fit(split.Train);
            var report = model.Evaluate(split.Test);
            model.Save($"{name}.mtm");
            using var loaded = MultiTaskModel.Load($"{name}.mtm");
            bool same = loaded.Predict(split.Test).Binary("sentiment").Probabilities.SequenceEqual(model.Predict(split.Test).Binary("sentiment").Probabilities);
            Console.WriteLine(model.Architecture);
            Console.WriteLine($"  sentiment accuracy {report["sentiment"][MetricNames.Accuracy]:F3}, topic accuracy {report["topic"][MetricNames.Accuracy]:F3}, {model.ParameterCount} parameters, reloaded predictions identical: {same}");
        }
        // end-snippet
    }
}
