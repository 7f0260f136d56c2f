namespace MultiTask.Weighting.Solvers;

/// <summary>Random visiting orders for the projection methods (PCGrad, GradVac).</summary>
internal static class TaskOrder
{
    /// <summary>The tasks 0..count−1 other than <paramref name="task"/>, shuffled by <paramref name="random"/> (Fisher–Yates).</summary>
    public static int[] ShuffledOthers(int count, int task, Random random)
    {
        var others = Enumerable.Range(0, count).Where(j => j != task).ToArray();
        random.Shuffle(others);
        return others;
    }
}
