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

    /// <summary>The vocabulary of <see cref="TokenPresence"/>: token ids 0 … 29 (0 pads).</summary>
    public const int TokenVocabulary = 30;

    /// <summary>
    /// Rows of 1–10 filler tokens (10 … 29) with one sentiment token (5 for label 1, 6 for 0) and one topic token (7, 8 or
    /// 9 for topics 0–2) inserted at random places: each label is decided by the presence of one token.
    /// </summary>
    public static (int[][] Tokens, int[] Sentiment, int[] Topic) TokenPresence(int rows, int seed)
    {
        var random = new Random(seed);
        var tokens = new int[rows][];
        var sentiment = new int[rows];
        var topic = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            sentiment[i] = random.Next(2);
            topic[i] = random.Next(3);
            var row = Enumerable.Range(0, random.Next(1, 11)).Select(_ => random.Next(10, TokenVocabulary)).ToList();
            row.Insert(random.Next(row.Count + 1), sentiment[i] == 1 ? 5 : 6);
            row.Insert(random.Next(row.Count + 1), 7 + topic[i]);
            tokens[i] = [.. row];
        }

        return (tokens, sentiment, topic);
    }
}
