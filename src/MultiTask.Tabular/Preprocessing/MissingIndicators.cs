using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>
/// The missing-indicator columns of the imputers (scikit-learn's <c>add_indicator</c>, <c>MissingIndicator</c> with
/// features='missing-only'): one 0/1 column "missingindicator_&lt;column&gt;" per column that had a missing value at fit time.
/// </summary>
internal static class MissingIndicators
{
    public const string Prefix = "missingindicator_";

    /// <summary>The columns (in the given order) that have at least one missing value.</summary>
    public static string[] ColumnsWithMissing(TabularData data, string[] columns)
        => columns.Where(c => data[c].MissingCount > 0).ToArray();

    /// <summary>The indicator columns for <paramref name="columns"/>, computed on the data before imputation.</summary>
    public static TabularColumn[] Build(TabularData data, string[] columns, string step)
    {
        var result = new TabularColumn[columns.Length];
        for (int k = 0; k < columns.Length; k++)
        {
            var indicator = new double[data.RowCount];
            switch (StepColumns.Column(data, columns[k], step))
            {
                case NumericColumn numeric:
                    var values = numeric.Span;
                    for (int i = 0; i < indicator.Length; i++)
                    {
                        indicator[i] = double.IsNaN(values[i]) ? 1.0 : 0.0;
                    }

                    break;
                case CategoricalColumn categorical:
                    var texts = categorical.Span;
                    for (int i = 0; i < indicator.Length; i++)
                    {
                        indicator[i] = texts[i] is null ? 1.0 : 0.0;
                    }

                    break;
            }

            result[k] = NumericColumn.Own(Prefix + columns[k], indicator);
        }

        return result;
    }
}
