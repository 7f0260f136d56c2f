namespace MultiTask.Training;

/// <summary>How a step draws rows when every task has its own dataset (<c>Fit</c> with per-task datasets).</summary>
public enum TaskSampling
{
    /// <summary>
    /// Every step takes one batch from every task's dataset (all tasks train jointly). An epoch lasts as many steps as
    /// the largest dataset has batches; smaller datasets start over, reshuffled, when they run out (LibMTL's multi-input mode).
    /// </summary>
    CycleToLongest,

    /// <summary>
    /// Every step takes one batch from one task's dataset, the task drawn at random in proportion to the batches it has
    /// left this epoch: each batch of each dataset is used exactly once per epoch, tasks interleaved at random.
    /// </summary>
    ProportionalToSize,

    /// <summary>Every step takes one batch from one task's dataset, tasks in turn; a task whose data is used up this epoch is skipped.</summary>
    RoundRobin,
}
