using System.Text.Json.Nodes;
using MultiTask.Data.Tabular;

namespace MultiTask.Preprocessing;

/// <summary>
/// A fitted, immutable preprocessing step. It can be saved inside a model file (<see cref="ToJson"/>, read back by
/// <see cref="FittedTransforms.FromJson"/>), so a saved model predicts from raw rows.
/// </summary>
public interface IFittedTransform
{
    /// <summary>The step's kind, the discriminator of its JSON form (e.g. "standard-scaler").</summary>
    string Kind { get; }

    /// <summary>Applies the step.</summary>
    /// <param name="data">A table with the columns the step was fitted on.</param>
    /// <returns>A new table.</returns>
    /// <exception cref="ArgumentException">A column the step needs is missing or of the wrong type; the message names it.</exception>
    TabularData Transform(TabularData data);

    /// <summary>The fitted state as JSON, including <c>"kind"</c>.</summary>
    JsonObject ToJson();
}
