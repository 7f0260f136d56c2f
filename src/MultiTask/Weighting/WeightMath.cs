namespace MultiTask.Weighting;

/// <summary>Small numeric helpers shared by the weighting methods.</summary>
internal static class WeightMath
{
    /// <summary>Numerically stable softmax.</summary>
    internal static double[] Softmax(IReadOnlyList<double> values)
    {
        double max = values.Max();
        var e = values.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }
}
