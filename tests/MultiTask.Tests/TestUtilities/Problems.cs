using MultiTask.Data;

namespace MultiTask.Tests.TestUtilities;

/// <summary>Small deterministic problems with known answers.</summary>
public static class Problems
{
    /// <summary>Rows of features drawn uniformly from [−1, 1] with a fixed seed.</summary>
    public static float[,] Features(int rows, int columns, int seed)
    {
        var random = new Random(seed);
        var x = new float[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                x[i, j] = (float)((random.NextDouble() * 2) - 1);
            }
        }

        return x;
    }

    /// <summary>y = Σ coefficients[j]·x[j] + intercept.</summary>
    public static float[] Linear(float[,] x, double[] coefficients, double intercept = 0)
    {
        var y = new float[x.GetLength(0)];
        for (int i = 0; i < y.Length; i++)
        {
            double s = intercept;
            for (int j = 0; j < coefficients.Length; j++)
            {
                s += coefficients[j] * x[i, j];
            }

            y[i] = (float)s;
        }

        return y;
    }

    /// <summary>Three tasks on 4 features: a linear regression, a sign (binary) and a 3-way quadrant-ish class.</summary>
    public static (float[,] X, TaskSpec[] Tasks, TaskTargets[] Targets) ThreeTasks(int rows, int seed)
    {
        var x = Features(rows, 4, seed);
        var reg = Linear(x, [1.5, -2.0, 0.5, 0.0], 0.3);
        var bin = new int[rows];
        var cls = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            bin[i] = x[i, 0] + x[i, 1] > 0 ? 1 : 0;
            cls[i] = x[i, 2] < -0.33f ? 0 : x[i, 2] < 0.33f ? 1 : 2;
        }

        TaskSpec[] tasks = [TaskSpec.Regression("value"), TaskSpec.Binary("sign"), TaskSpec.Multiclass("band", 3)];
        return (x, tasks, [reg, bin, cls]);
    }
}
