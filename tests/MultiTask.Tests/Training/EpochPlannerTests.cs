using MultiTask.Training;

namespace MultiTask.Tests.Training;

public sealed class EpochPlannerTests
{
    [Fact]
    public void Single_CutsBatchesInOrder_AndAlternatingCyclesTheTasks()
    {
        var plan = EpochPlanner.Single(rows: 10, batchSize: 4, TaskSchedule.Alternating, taskCount: 3);

        plan.Select(s => (s.Pieces.Single().Start, s.Pieces.Single().Count)).Should().Equal((0, 4), (4, 4), (8, 2));
        plan.Select(s => s.ActiveTask).Should().Equal(0, 1, 2);
        EpochPlanner.Single(10, 4, TaskSchedule.Joint, 3).Should().OnlyContain(s => s.ActiveTask == null);
    }

    [Fact]
    public void CycleToLongest_TakesABatchOfEveryTaskPerStep_RestartingSmallerSets()
    {
        var plan = EpochPlanner.PerTask([10, 3], batchSize: 4, TaskSampling.CycleToLongest, new Random(1));

        plan.Should().HaveCount(3, "the largest set has ⌈10/4⌉ = 3 batches");
        plan.Select(s => s.Pieces[0]).Should().Equal(new BatchPiece(0, 0, 0, 4), new BatchPiece(0, 0, 4, 4), new BatchPiece(0, 0, 8, 2));
        plan.Select(s => s.Pieces[1]).Should().Equal(new BatchPiece(1, 0, 0, 3), new BatchPiece(1, 1, 0, 3), new BatchPiece(1, 2, 0, 3));
    }

    [Fact]
    public void RoundRobin_AlternatesTasks_SkippingExhaustedOnes()
    {
        var plan = EpochPlanner.PerTask([10, 3], batchSize: 4, TaskSampling.RoundRobin, new Random(1));

        plan.Select(s => s.Pieces.Single().Block).Should().Equal(0, 1, 0, 0);
        plan.Select(s => s.Pieces.Single().Start).Should().Equal(0, 0, 4, 8);
    }

    [Fact]
    public void ProportionalToSize_UsesEveryBatchOnce_AndPicksTasksInProportion()
    {
        var plan = EpochPlanner.PerTask([8, 4], batchSize: 4, TaskSampling.ProportionalToSize, new Random(2));
        plan.Select(s => s.Pieces.Single()).Should().BeEquivalentTo(
            [new BatchPiece(0, 0, 0, 4), new BatchPiece(0, 0, 4, 4), new BatchPiece(1, 0, 0, 4)],
            "each of the 2 + 1 batches is used exactly once");

        // The first step picks task 0 with probability 2/3 (2 of the 3 batches).
        var random = new Random(3);
        double firstIsZero = Enumerable.Range(0, 3000).Count(_ => EpochPlanner.PerTask([8, 4], 4, TaskSampling.ProportionalToSize, random)[0].Pieces[0].Block == 0) / 3000.0;
        firstIsZero.Should().BeApproximately(2.0 / 3.0, 0.03);
    }
}
