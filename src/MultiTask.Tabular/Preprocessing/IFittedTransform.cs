namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// A fitted, immutable preprocessing step over tables. It can be saved inside a model file (its JSON form is read
/// back by <see cref="FittedTransforms.FromJson"/>), so a saved model predicts from raw rows.
/// </summary>
public interface IFittedTransform : Inputs.IFittedInputTransform
{
    /// <summary>Applies the step.</summary>
    /// <param name="data">A table with the columns the step was fitted on.</param>
    /// <returns>A new table.</returns>
    /// <exception cref="ArgumentException">A column the step needs is missing or of the wrong type; the message names it.</exception>
    TabularData Transform(TabularData data);
}
