namespace MultiTask.Training;

/// <summary>
/// Plans the steps of an epoch as slices of per-block row permutations (plain numbers, no tensors), for the schedules
/// and samplings of <see cref="TaskSchedule"/> and <see cref="TaskSampling"/>. The random choices come from a seeded
/// generator, so a plan is reproducible.
/// </summary>
internal static class EpochPlanner
{
    /// <summary>One dataset holding every task.</summary>
    internal static List<PlannedStep> Single(int rows, int batchSize, TaskSchedule schedule, int taskCount)
    {
        var steps = new List<PlannedStep>();
        for (int start = 0, step = 0; start < rows; start += batchSize, step++)
        {
            var piece = new BatchPiece(0, 0, start, Math.Min(batchSize, rows - start));
            steps.Add(new PlannedStep([piece], schedule == TaskSchedule.Alternating ? step % taskCount : null));
        }

        return steps;
    }

    /// <summary>One dataset (block) per task.</summary>
    internal static List<PlannedStep> PerTask(IReadOnlyList<int> rows, int batchSize, TaskSampling sampling, Random random)
    {
        int blocks = rows.Count;
        var batches = rows.Select(n => (n + batchSize - 1) / batchSize).ToArray();
        var steps = new List<PlannedStep>();
        if (sampling == TaskSampling.CycleToLongest)
        {
            for (int s = 0; s < batches.Max(); s++)
            {
                var pieces = new List<BatchPiece>(blocks);
                for (int b = 0; b < blocks; b++)
                {
                    int cycle = s / batches[b], index = s % batches[b];
                    pieces.Add(Piece(b, cycle, index, rows[b], batchSize));
                }

                steps.Add(new PlannedStep(pieces, null));
            }

            return steps;
        }

        var next = new int[blocks];
        int total = batches.Sum();
        int turn = 0;
        for (int s = 0; s < total; s++)
        {
            int block;
            if (sampling == TaskSampling.RoundRobin)
            {
                while (next[turn % blocks] >= batches[turn % blocks])
                {
                    turn++;
                }

                block = turn++ % blocks;
            }
            else
            {
                int pick = random.Next(total - s);
                block = 0;
                while (pick >= batches[block] - next[block])
                {
                    pick -= batches[block] - next[block];
                    block++;
                }
            }

            steps.Add(new PlannedStep([Piece(block, 0, next[block]++, rows[block], batchSize)], null));
        }

        return steps;
    }

    private static BatchPiece Piece(int block, int cycle, int index, int rows, int batchSize)
        => new(block, cycle, index * batchSize, Math.Min(batchSize, rows - (index * batchSize)));
}
