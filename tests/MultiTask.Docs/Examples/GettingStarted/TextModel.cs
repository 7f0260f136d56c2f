using MultiTask.Data;
using MultiTask.Docs.Tool;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Training;

namespace MultiTask.Docs.Examples.GettingStarted;

/// <summary>The text-model section of docs/getting-started.md.</summary>
internal static class TextModel
{
    [DocExample("getting-started-text")]
    public static void Run()
    {
        // begin-snippet: getting-started-text
        // A toy corpus: ids 2–9 are "positive" words, 10–17 "negative" ones, 18–47 topic words (3 topics).
        const int VocabularySize = 50;
        var textRandom = new Random(7);
        var tokenIds = new int[600][];
        var sentiment = new int[600];
        var topic = new int[600];
        for (int i = 0; i < tokenIds.Length; i++)
        {
            sentiment[i] = textRandom.Next(2);
            topic[i] = textRandom.Next(3);
            int length = textRandom.Next(4, 12);
            tokenIds[i] = new int[length];
            for (int k = 0; k < length; k++)
            {
                tokenIds[i][k] = k % 2 == 0
                    ? (sentiment[i] == 1 ? 2 : 10) + textRandom.Next(8)
                    : 18 + (topic[i] * 10) + textRandom.Next(10);
            }
        }

        TaskSpec[] textTasks = [TaskSpec.Binary("sentiment"), TaskSpec.Multiclass("topic", classCount: 3)];
        using var textData = MultiTaskDataset.FromTokens(tokenIds, textTasks, [sentiment, topic], paddingId: 0, maxLength: 16);
        var textSplit = textData.TrainTestSplit(testFraction: 0.2, seed: 7);

        using var textModel = MultiTaskModel.Create(
            textTasks,
            Trunks.Text(vocabularySize: VocabularySize, embeddingSize: 16, hiddenSize: 32, cell: RecurrentCell.Gru, bidirectional: true, paddingId: 0),
            seed: 7);
        using var textTrainer = new MultiTaskTrainer(textModel, new TrainerOptions { Epochs = 8, BatchSize = 32, LearningRate = 1e-2, Seed = 7, Threads = 1 });
        textTrainer.Fit(textSplit.Train);

        var textReport = textModel.Evaluate(textSplit.Test);
        Console.WriteLine($"sentiment accuracy {textReport["sentiment"][MetricNames.Accuracy]:F3}, topic accuracy {textReport["topic"][MetricNames.Accuracy]:F3}");
        var sentences = textModel.Predict(new int[][] { [3, 20, 5, 21], [12, 45, 15] });   // padded with the trunk's PaddingId
        Console.WriteLine($"sentiment of two new sentences: {string.Join(", ", sentences.Binary("sentiment").Labels)}");
        // end-snippet
    }
}
