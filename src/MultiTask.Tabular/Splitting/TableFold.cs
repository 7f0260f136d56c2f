namespace MultiTask.Tabular.Splitting;

/// <summary>One cross-validation fold: the rows to fit on and the rows to evaluate on, each ascending.</summary>
/// <param name="TrainRows">The training rows of the table that was folded.</param>
/// <param name="TestRows">The held-out rows.</param>
public sealed record TableFold(IReadOnlyList<int> TrainRows, IReadOnlyList<int> TestRows);
