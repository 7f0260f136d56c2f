using System.Globalization;
using MathNet.Numerics.Distributions;

namespace MultiTask.Data.Synthetic;

/// <summary>Generators of synthetic multi-task problems with known structure, for experiments and tests.</summary>
public static class SyntheticTasks
{
    /// <summary>
    /// Regression tasks with a controllable correlation, as in Ma et al., KDD 2018 (MMoE), §3.2:
    /// orthonormal directions u₁, u₂, … are drawn at random; w₁ = c·u₁ and wₜ = c·(p·u₁ + √(1 − p²)·uₜ) for t ≥ 2;
    /// x ~ N(0, I); yₜ = wₜᵀx + Σᵢ₌₁ᵐ sin(αᵢ·wₜᵀx + βᵢ) + ε with ε ~ N(0, σ²) and αᵢ, βᵢ chosen by
    /// <see cref="MmoeSyntheticOptions.SineConstants"/>: αᵢ = i, βᵢ = (i − 1)² (Google Research generator) or drawn from
    /// N(0, 1) (<c>drawbridge/keras-mmoe</c>); the result exposes them.
    /// </summary>
    /// <remarks>For two tasks this is the paper's generator. Without the sine terms the label correlation equals p;
    /// with them it is lower but still increases with p.</remarks>
    /// <param name="options">The settings; default: <c>new MmoeSyntheticOptions()</c>.</param>
    /// <exception cref="ArgumentException"><see cref="MmoeSyntheticOptions.FeatureCount"/> is less than <see cref="MmoeSyntheticOptions.TaskCount"/>.</exception>
    public static SyntheticRegressionData Mmoe(MmoeSyntheticOptions? options = null)
    {
        var o = options ?? new MmoeSyntheticOptions();
        if (o.FeatureCount < o.TaskCount)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"MmoeSyntheticOptions.FeatureCount ({o.FeatureCount}) must be ≥ MmoeSyntheticOptions.TaskCount ({o.TaskCount}): each task needs its own orthogonal direction."), nameof(options));
        }

        var random = new Random(o.Seed);
        var directions = OrthonormalDirections(o.TaskCount, o.FeatureCount, random);
        double p = o.Correlation, q = Math.Sqrt(Math.Max(0, 1 - (p * p)));
        var weights = new double[o.TaskCount][];
        for (int t = 0; t < o.TaskCount; t++)
        {
            weights[t] = new double[o.FeatureCount];
            for (int j = 0; j < o.FeatureCount; j++)
            {
                weights[t][j] = t == 0 ? o.Scale * directions[0][j] : o.Scale * ((p * directions[0][j]) + (q * directions[t][j]));
            }
        }

        var (alphas, betas) = SineConstants(o, random);
        var features = new float[o.RowCount, o.FeatureCount];
        var targets = Enumerable.Range(0, o.TaskCount).Select(_ => new float[o.RowCount]).ToArray();
        var row = new double[o.FeatureCount];
        for (int i = 0; i < o.RowCount; i++)
        {
            for (int j = 0; j < o.FeatureCount; j++)
            {
                row[j] = Normal.Sample(random, 0, 1);
                features[i, j] = (float)row[j];
            }

            for (int t = 0; t < o.TaskCount; t++)
            {
                double z = 0;
                for (int j = 0; j < o.FeatureCount; j++)
                {
                    z += weights[t][j] * row[j];
                }

                double y = z;
                for (int k = 0; k < o.SineTerms; k++)
                {
                    y += Math.Sin((alphas[k] * z) + betas[k]);
                }

                if (o.NoiseStandardDeviation > 0)
                {
                    y += Normal.Sample(random, 0, o.NoiseStandardDeviation);
                }

                targets[t][i] = (float)y;
            }
        }

        var tasks = Enumerable.Range(1, o.TaskCount).Select(t => TaskSpec.Regression($"task{t}")).ToArray();
        return new SyntheticRegressionData(features, targets, weights, alphas, betas, tasks);
    }

    /// <summary>The sine frequencies α₁..αₘ and phases β₁..βₘ of <see cref="MmoeSyntheticOptions.SineConstants"/>.</summary>
    private static (double[] Alphas, double[] Betas) SineConstants(MmoeSyntheticOptions o, Random random)
    {
        if (o.SineConstants == MmoeSineConstants.GoogleResearch)
        {
            return (Enumerable.Range(1, o.SineTerms).Select(i => (double)i).ToArray(), Enumerable.Range(0, o.SineTerms).Select(i => (double)(i * i)).ToArray());
        }

        var source = o.SineConstantsSeed is int constantsSeed ? new Random(constantsSeed) : random;
        var alphas = Enumerable.Range(0, o.SineTerms).Select(_ => Normal.Sample(source, 0, 1)).ToArray();
        var betas = Enumerable.Range(0, o.SineTerms).Select(_ => Normal.Sample(source, 0, 1)).ToArray();
        return (alphas, betas);
    }

    /// <summary>Gram–Schmidt on Gaussian vectors: <paramref name="count"/> orthonormal vectors of dimension <paramref name="dimension"/>.</summary>
    private static double[][] OrthonormalDirections(int count, int dimension, Random random)
    {
        var result = new double[count][];
        for (int t = 0; t < count; t++)
        {
            double norm;
            double[] v;
            do
            {
                v = new double[dimension];
                for (int j = 0; j < dimension; j++)
                {
                    v[j] = Normal.Sample(random, 0, 1);
                }

                for (int s = 0; s < t; s++)
                {
                    double dot = 0;
                    for (int j = 0; j < dimension; j++)
                    {
                        dot += v[j] * result[s][j];
                    }

                    for (int j = 0; j < dimension; j++)
                    {
                        v[j] -= dot * result[s][j];
                    }
                }

                norm = Math.Sqrt(v.Sum(e => e * e));
            }
            while (norm < 1e-8);

            for (int j = 0; j < dimension; j++)
            {
                v[j] /= norm;
            }

            result[t] = v;
        }

        return result;
    }
}
