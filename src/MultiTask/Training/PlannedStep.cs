namespace MultiTask.Training;

/// <summary>One training step of an epoch plan: its pieces, and the only task that counts (alternating schedule), if any.</summary>
internal sealed record PlannedStep(IReadOnlyList<BatchPiece> Pieces, int? ActiveTask);
