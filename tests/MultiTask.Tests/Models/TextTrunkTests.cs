using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;
using TorchSharp;

namespace MultiTask.Tests.Models;

[Collection(TorchCollection.Name)]
public sealed class TextTrunkTests
{
    /// <summary>Token ids 0 … 29 of the token problem.</summary>
    private const int ProblemVocabulary = Problems.TokenVocabulary;

    /// <summary>Three rows of different lengths (4, 2, 5), deliberately not sorted by length.</summary>
    private static readonly int[][] Rows = [[3, 7, 12, 5], [9, 4], [15, 2, 2, 11, 6]];

    [Theory]
    [InlineData(RecurrentCell.Lstm, false, 1)]
    [InlineData(RecurrentCell.Gru, false, 1)]
    [InlineData(RecurrentCell.Lstm, true, 1)]
    [InlineData(RecurrentCell.Gru, true, 1)]
    [InlineData(RecurrentCell.Lstm, true, 2)]
    [InlineData(RecurrentCell.Gru, false, 2)]
    public void Encode_ExtraPadding_LeavesTheRepresentationUnchanged(RecurrentCell cell, bool bidirectional, int layers)
    {
        // Dropout > 0 so that the test also shows eval mode switches it off.
        var trunk = Trunks.Text(vocabularySize: 16, embeddingSize: 8, hiddenSize: 6, cell: cell, layers: layers, bidirectional: bidirectional, dropout: 0.3);
        using var model = MultiTaskModel.Create([TaskSpec.Binary("b")], trunk, seed: 21);
        model.Network.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();

        var tight = model.Network.Encode(Padded(Rows, length: 5));
        var loose = model.Network.Encode(Padded(Rows, length: 11));

        tight.shape.Should().Equal(3, trunk.OutputSize);
        MaxDifference(tight, loose).Should().BeLessThanOrEqualTo(1e-6f, "padding beyond the batch's longest row must not matter");
        for (int i = 0; i < Rows.Length; i++)
        {
            // Each row alone, with no padding at all, must give the same representation as inside a padded batch.
            var alone = model.Network.Encode(Padded([Rows[i]], length: Rows[i].Length));
            MaxDifference(alone, loose.narrow(0, i, 1)).Should().BeLessThanOrEqualTo(1e-6f, "row {0} is padded from {1} to 11 tokens", i, Rows[i].Length);
        }

        MaxDifference(tight.narrow(0, 0, 1), tight.narrow(0, 1, 1)).Should().BeGreaterThan(1e-3f, "different rows must give different representations, or the comparison above proves nothing");
    }

    [Fact]
    public void Fit_TokenPresenceProblem_LearnsBothTasks()
    {
        var (tokens, sentiment, topic) = Problems.TokenPresence(rows: 400, seed: 31);
        TaskSpec[] tasks = [TaskSpec.Binary("sentiment"), TaskSpec.Multiclass("topic", 3)];
        using var data = MultiTaskDataset.FromTokens(tokens, tasks, [sentiment, topic]);
        var split = data.TrainTestSplit(0.25, seed: 32);
        using var model = MultiTaskModel.Create(tasks, Trunks.Text(ProblemVocabulary, embeddingSize: 16, hiddenSize: 32), seed: 33);
        // One thread: this small LSTM trains in about a second that way, but 10+ s on two cores shared with other work.
        using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 25, BatchSize = 32, LearningRate = 1e-2, Seed = 34, Threads = 1 });

        int threads = torch.get_num_threads();
        EvaluationReport report;
        try
        {
            trainer.Fit(split.Train);
            report = model.Evaluate(split.Test);
        }
        finally
        {
            torch.set_num_threads(threads);
        }

        // Chance is 0.5 and 1/3; each label is decided by one token, so a working trunk gets (nearly) all 100 test rows.
        report.RowCount.Should().Be(100);
        report["sentiment"][MetricNames.Accuracy].Should().BeGreaterThanOrEqualTo(0.95);
        report["topic"][MetricNames.Accuracy].Should().BeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public void FitEvaluatePredict_TextModel_LeaveNoTensorAlive()
    {
        var (tokens, sentiment, topic) = Problems.TokenPresence(rows: 120, seed: 41);
        TaskSpec[] tasks = [TaskSpec.Binary("sentiment"), TaskSpec.Multiclass("topic", 3)];
        using var data = MultiTaskDataset.FromTokens(tokens, tasks, [sentiment, topic]);
        var split = data.TrainValidationTestSplit(0.25, 0.25, seed: 42);
        using var model = MultiTaskModel.Create(tasks, Trunks.Text(ProblemVocabulary, embeddingSize: 8, hiddenSize: 8, bidirectional: true, dropout: 0.2), seed: 43);
        var options = new TrainerOptions { Epochs = 3, BatchSize = 16, EarlyStoppingPatience = 1, Seed = 44 };

        Leak.AssertNone(
            () =>
            {
                using var trainer = new MultiTaskTrainer(model, options);
                trainer.Fit(split.Train, split.Validation).Epochs.Should().NotBeEmpty();
            },
            "of creating a trainer, fitting with validation and disposing the trainer");
        Leak.AssertNone(() => model.Evaluate(split.Test).RowCount.Should().Be(30), "of Evaluate");
        Leak.AssertNone(() => model.Predict(tokens[..7]).RowCount.Should().Be(7), "of Predict");
    }

    [Fact]
    public void Predict_OutOfVocabularyId_NamesTheIdAndTheVocabularySize()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Binary("b")], Trunks.Text(vocabularySize: 20, embeddingSize: 4, hiddenSize: 4), seed: 51);

        var act = () => model.Predict([[3, 4], [5, 25, 6]]);

        act.Should().Throw<ArgumentException>().WithMessage("Token id 25 is outside the trunk's vocabulary of 20 ids*");
    }

    [Fact]
    public void Predict_PaddingIdInsideASequence_IsRejected_NamingTheRowAndPositions()
    {
        using var model = MultiTaskModel.Create([TaskSpec.Binary("b")], Trunks.Text(vocabularySize: 20, embeddingSize: 4, hiddenSize: 4), seed: 52);

        var act = () => model.Predict([[3, 4], [5, 6], [0, 7]]);

        act.Should().Throw<ArgumentException>().WithMessage("Token sequence 2 has the padding id 0 at position 0, before token 7 at position 1*");
    }

    private static torch.Tensor Padded(int[][] rows, int length)
    {
        var flat = new long[rows.Length * length];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < rows[i].Length; j++)
            {
                flat[(i * length) + j] = rows[i][j];
            }
        }

        return torch.tensor(flat, [rows.Length, length]);
    }

    private static float MaxDifference(torch.Tensor a, torch.Tensor b) => (a - b).abs().max().item<float>();
}
