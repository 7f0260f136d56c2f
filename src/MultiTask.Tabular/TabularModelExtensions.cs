using MultiTask.Prediction;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular;

/// <summary>Predicting from raw table rows with the preprocessing attached to a model.</summary>
public static class TabularModelExtensions
{
    /// <summary>Predicts every task for raw rows: the attached preprocessing turns them into features first.</summary>
    /// <param name="model">A model with table preprocessing attached (<see cref="MultiTaskModel.AttachPreprocessing"/>).</param>
    /// <param name="rows">Raw rows with the columns the preprocessing was fitted on.</param>
    /// <param name="batchSize">Rows per forward pass. Range: ≥ 1. Default: 1024.</param>
    /// <exception cref="InvalidOperationException">No preprocessing is attached, it does not transform tables, or it leaves categorical or missing values.</exception>
    public static TaskPredictions Predict(this MultiTaskModel model, TabularData rows, int batchSize = 1024)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(rows);
        var preprocessing = model.Preprocessing switch
        {
            null => throw new InvalidOperationException("The model has no preprocessing attached; call AttachPreprocessing, or pass features (float[,]) instead of raw rows."),
            IFittedTransform table => table,
            var other => throw new InvalidOperationException($"The model's preprocessing (kind '{other.Kind}') does not transform tables, so it cannot predict from TabularData."),
        };
        return model.Predict(preprocessing.Transform(rows).ToFeatureMatrix(), batchSize);
    }
}
