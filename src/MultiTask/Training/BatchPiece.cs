namespace MultiTask.Training;

/// <summary>A slice of one block's row order that goes into a training step: rows [Start, Start + Count) of permutation Cycle.</summary>
internal readonly record struct BatchPiece(int Block, int Cycle, int Start, int Count);
