namespace MultiTask.Benchmarks;

/// <summary>
/// A fixed-seed regression problem: N(0,1) features and three targets (linear, smooth nonlinear, and a
/// rectified interaction), each with a little Gaussian noise.
/// </summary>
internal sealed class SyntheticData
{
    private SyntheticData(float[,] features, float[][] targets)
    {
        Features = features;
        Targets = targets;
    }

    /// <summary>[rows, features].</summary>
    internal float[,] Features { get; }

    /// <summary>One array of row targets per task.</summary>
    internal float[][] Targets { get; }

    internal int Rows => Features.GetLength(0);

    internal static SyntheticData Create(int rows, int features, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows, features];
        var weights = new float[features];
        for (int j = 0; j < features; j++)
        {
            weights[j] = (float)(Gaussian(random) / Math.Sqrt(features));
        }

        var linear = new float[rows];
        var smooth = new float[rows];
        var interaction = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            double dot = 0;
            for (int j = 0; j < features; j++)
            {
                float v = (float)Gaussian(random);
                x[i, j] = v;
                dot += weights[j] * v;
            }

            linear[i] = (float)(dot + (0.1 * Gaussian(random)));
            smooth[i] = (float)(Math.Sin(x[i, 0]) + (0.5 * x[i, 1] * x[i, 2]) + (0.1 * Gaussian(random)));
            interaction[i] = (float)(Math.Max(0, dot) - (0.5 * Math.Abs(x[i, 3])) + (0.1 * Gaussian(random)));
        }

        return new SyntheticData(x, [linear, smooth, interaction]);
    }

    /// <summary>The features as one row-major array (for the hand-written loop's tensor).</summary>
    internal float[] FlatFeatures()
    {
        var flat = new float[Features.Length];
        Buffer.BlockCopy(Features, 0, flat, 0, flat.Length * sizeof(float));
        return flat;
    }

    /// <summary>The targets as one row-major [rows, tasks] array.</summary>
    internal float[] FlatTargets()
    {
        var flat = new float[Rows * Targets.Length];
        for (int i = 0; i < Rows; i++)
        {
            for (int t = 0; t < Targets.Length; t++)
            {
                flat[(i * Targets.Length) + t] = Targets[t][i];
            }
        }

        return flat;
    }

    /// <summary>The first <paramref name="rows"/> rows, for warm-up.</summary>
    internal SyntheticData Head(int rows)
    {
        int features = Features.GetLength(1);
        var x = new float[rows, features];
        Buffer.BlockCopy(Features, 0, x, 0, rows * features * sizeof(float));
        return new SyntheticData(x, Targets.Select(t => t[..rows]).ToArray());
    }

    private static double Gaussian(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
