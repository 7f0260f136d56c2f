namespace MultiTask.Data;

/// <summary>The parts of a split dataset. Disposing the split disposes every part.</summary>
public sealed class DatasetSplit : IDisposable
{
    internal DatasetSplit(MultiTaskDataset train, MultiTaskDataset? validation, MultiTaskDataset test)
    {
        Train = train;
        Validation = validation;
        Test = test;
    }

    /// <summary>The training rows.</summary>
    public MultiTaskDataset Train { get; }

    /// <summary>The validation rows, or null for a train/test split.</summary>
    public MultiTaskDataset? Validation { get; }

    /// <summary>The test rows.</summary>
    public MultiTaskDataset Test { get; }

    /// <summary>Disposes every part. Idempotent.</summary>
    public void Dispose()
    {
        Train.Dispose();
        Validation?.Dispose();
        Test.Dispose();
    }
}
