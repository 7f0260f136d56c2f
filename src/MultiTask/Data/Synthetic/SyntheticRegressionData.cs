namespace MultiTask.Data.Synthetic;

/// <summary>Generated regression tasks: the inputs, one target array per task, and the weight vectors that produced them.</summary>
public sealed class SyntheticRegressionData
{
    internal SyntheticRegressionData(float[,] features, float[][] targets, double[][] weights, double[] sineFrequencies, double[] sinePhases, TaskSpec[] tasks)
    {
        Features = features;
        Targets = targets;
        Weights = weights;
        SineFrequencies = sineFrequencies;
        SinePhases = sinePhases;
        Tasks = tasks;
    }

    /// <summary>The inputs, [rows, features], drawn from N(0, I).</summary>
    public float[,] Features { get; }

    /// <summary>One target array per task, in task order.</summary>
    public IReadOnlyList<float[]> Targets { get; }

    /// <summary>The weight vector wₜ of each task (length <see cref="MmoeSyntheticOptions.FeatureCount"/>).</summary>
    public IReadOnlyList<double[]> Weights { get; }

    /// <summary>The frequencies α₁..αₘ of the sine terms Σᵢ sin(αᵢ·wₜᵀx + βᵢ), shared by all tasks (<see cref="MmoeSyntheticOptions.SineConstants"/>).</summary>
    public IReadOnlyList<double> SineFrequencies { get; }

    /// <summary>The phases β₁..βₘ of the sine terms Σᵢ sin(αᵢ·wₜᵀx + βᵢ), shared by all tasks (<see cref="MmoeSyntheticOptions.SineConstants"/>).</summary>
    public IReadOnlyList<double> SinePhases { get; }

    /// <summary>Regression task specs named "task1", "task2", ….</summary>
    public IReadOnlyList<TaskSpec> Tasks { get; }

    /// <summary>A dataset of all rows and tasks; the caller disposes it.</summary>
    public MultiTaskDataset ToDataset()
        => MultiTaskDataset.FromArrays(Features, Tasks, Targets.Select(TaskTargets.FromValues).ToArray());
}
