namespace MultiTask.Tabular.Splitting;

/// <summary>The parts of a split table, and which rows of the original table each holds (ascending).</summary>
public sealed class TableSplit
{
    internal TableSplit(TabularData table, int[] trainRows, int[]? validationRows, int[] testRows)
    {
        TrainRows = trainRows;
        ValidationRows = validationRows;
        TestRows = testRows;
        Train = table.TakeRows(trainRows);
        Validation = validationRows is null ? null : table.TakeRows(validationRows);
        Test = table.TakeRows(testRows);
    }

    /// <summary>The training rows: fit preprocessing, selection and the model on these only.</summary>
    public TabularData Train { get; }

    /// <summary>The validation rows, or null when <see cref="TableSplitOptions.ValidationFraction"/> is 0.</summary>
    public TabularData? Validation { get; }

    /// <summary>The test rows.</summary>
    public TabularData Test { get; }

    /// <summary>The positions of <see cref="Train"/>'s rows in the original table.</summary>
    public IReadOnlyList<int> TrainRows { get; }

    /// <summary>The positions of <see cref="Validation"/>'s rows in the original table, or null.</summary>
    public IReadOnlyList<int>? ValidationRows { get; }

    /// <summary>The positions of <see cref="Test"/>'s rows in the original table.</summary>
    public IReadOnlyList<int> TestRows { get; }
}
