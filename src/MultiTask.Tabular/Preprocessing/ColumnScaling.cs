using System.Numerics;
using MultiTask.Tabular;

namespace MultiTask.Tabular.Preprocessing;

/// <summary>The per-column affine maps of the scalers, in scikit-learn's order of operations; NaN passes through.</summary>
internal static class ColumnScaling
{
    /// <summary>(x − center) / scale for each column; a null <paramref name="center"/> or <paramref name="scale"/> skips that part.</summary>
    public static TabularData CenterAndScale(TabularData data, string[] columns, string step, double[]? center, double[]? scale)
    {
        ArgumentNullException.ThrowIfNull(data);
        var replacements = new Dictionary<string, TabularColumn[]>(columns.Length, StringComparer.Ordinal);
        for (int j = 0; j < columns.Length; j++)
        {
            var input = StepColumns.NumericColumn(data, columns[j], step).Span;
            var output = GC.AllocateUninitializedArray<double>(input.Length);
            double c = center?[j] ?? 0.0, s = scale?[j] ?? 1.0;
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var vc = new Vector<double>(c);
                var vs = new Vector<double>(s);
                for (; i <= output.Length - Vector<double>.Count; i += Vector<double>.Count)
                {
                    ((new Vector<double>(input[i..]) - vc) / vs).CopyTo(output, i);
                }
            }

            for (; i < output.Length; i++)
            {
                output[i] = (input[i] - c) / s;
            }

            replacements[columns[j]] = [NumericColumn.Own(columns[j], output)];
        }

        return StepColumns.Replace(data, replacements);
    }

    /// <summary>x · scale + offset for each column, optionally clipped to [low, high] (MinMaxScaler's form).</summary>
    public static TabularData ScaleAndShift(TabularData data, string[] columns, string step, double[] scale, double[] offset, (double Low, double High)? clip)
    {
        ArgumentNullException.ThrowIfNull(data);
        var replacements = new Dictionary<string, TabularColumn[]>(columns.Length, StringComparer.Ordinal);
        for (int j = 0; j < columns.Length; j++)
        {
            var input = StepColumns.NumericColumn(data, columns[j], step).Span;
            var output = GC.AllocateUninitializedArray<double>(input.Length);
            double s = scale[j], m = offset[j];
            int i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var vs = new Vector<double>(s);
                var vm = new Vector<double>(m);
                for (; i <= output.Length - Vector<double>.Count; i += Vector<double>.Count)
                {
                    ((new Vector<double>(input[i..]) * vs) + vm).CopyTo(output, i);
                }
            }

            for (; i < output.Length; i++)
            {
                output[i] = (input[i] * s) + m;
            }

            if (clip is var (low, high))
            {
                for (int k = 0; k < output.Length; k++)
                {
                    output[k] = output[k] < low ? low : output[k] > high ? high : output[k];
                }
            }

            replacements[columns[j]] = [NumericColumn.Own(columns[j], output)];
        }

        return StepColumns.Replace(data, replacements);
    }

    /// <summary>An error for a column without any present value at fit time.</summary>
    public static ArgumentException NoValues(string column, string step)
        => new($"Column '{column}' has no non-missing value; the {step} cannot be fitted on it (impute or drop the column first).", "data");
}
