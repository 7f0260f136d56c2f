using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.Tests.Validation;

/// <summary>A standard scaler that records the "id" column (the row index) of every table it is fitted on.</summary>
internal sealed class RecordingScaler : ITransformEstimator
{
    public List<double[]> FittedIds { get; } = [];

    public IFittedTransform Fit(TabularData data)
    {
        FittedIds.Add([.. data.Numeric("id").Values]);
        return new StandardScaler().Fit(data);
    }
}
