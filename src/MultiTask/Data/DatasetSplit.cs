namespace MultiTask.Data;

/// <summary>
/// The parts of a split dataset: views that share the split dataset's inputs (no copy). Nothing to dispose: the parts
/// live as long as the dataset they were split from.
/// </summary>
public sealed class DatasetSplit
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
}
