namespace MultiTask.Data.Synthetic;

/// <summary>Generated regression tasks: the inputs, one target array per task, and the weight vectors that produced them.</summary>
public sealed class SyntheticRegressionData
{
    internal SyntheticRegressionData(float[,] features, float[][] targets, double[][] weights, TaskSpec[] tasks)
    {
        Features = features;
        Targets = targets;
        Weights = weights;
        Tasks = tasks;
    }

    /// <summary>The inputs, [rows, features], drawn from N(0, I).</summary>
    public float[,] Features { get; }

    /// <summary>One target array per task, in task order.</summary>
    public IReadOnlyList<float[]> Targets { get; }

    /// <summary>The weight vector wₜ of each task (length <see cref="MmoeSyntheticOptions.FeatureCount"/>).</summary>
    public IReadOnlyList<double[]> Weights { get; }

    /// <summary>Regression task specs named "task1", "task2", ….</summary>
    public IReadOnlyList<TaskSpec> Tasks { get; }

    /// <summary>A dataset of all rows and tasks; the caller disposes it.</summary>
    public MultiTaskDataset ToDataset()
        => MultiTaskDataset.FromArrays(Features, Tasks, Targets.Select(TaskTargets.FromValues).ToArray());
}
