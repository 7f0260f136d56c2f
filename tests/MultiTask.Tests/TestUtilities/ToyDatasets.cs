using System.Globalization;
using System.IO.Compression;

namespace MultiTask.Tests.TestUtilities;

/// <summary>
/// Loaders for the real datasets in tests/data, returning float64 features and targets exactly as scikit-learn's
/// reference scripts read them (tests/reference/*.py use numpy.loadtxt / the same files).
/// </summary>
public static class ToyDatasets
{
    public sealed record Dataset(double[,] X, string[] FeatureNames, double[][] Targets, string[] TargetNames);

    /// <summary>569 × 30, binary target (0 malignant, 1 benign).</summary>
    public static Dataset BreastCancer() => MetaHeaderCsv("breast-cancer-wisconsin", "breast_cancer.csv", "diagnosis");

    /// <summary>178 × 13, 3-class target.</summary>
    public static Dataset Wine() => MetaHeaderCsv("wine-recognition", "wine_data.csv", "cultivar");

    /// <summary>442 × 10 raw (not scaled) features, regression target.</summary>
    public static Dataset Diabetes()
    {
        var x = Rows(Gunzip("diabetes", "diabetes_data_raw.csv.gz"), ' ');
        var y = Rows(Gunzip("diabetes", "diabetes_target.csv.gz"), ' ').Select(r => r[0]).ToArray();
        return new Dataset(ToMatrix(x), ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"], [y], ["progression"]);
    }

    /// <summary>20 × 3 exercise features, 3 physiological regression targets.</summary>
    public static Dataset Linnerud()
    {
        var exercise = File.ReadAllLines(TestData.File("linnerud", "linnerud_exercise.csv"));
        var physiological = File.ReadAllLines(TestData.File("linnerud", "linnerud_physiological.csv"));
        var x = Rows(exercise.Skip(1), ' ');
        var y = Rows(physiological.Skip(1), ' ');
        return new Dataset(
            ToMatrix(x),
            Split(exercise[0], ' '),
            Enumerable.Range(0, 3).Select(j => y.Select(r => r[j]).ToArray()).ToArray(),
            Split(physiological[0], ' '));
    }

    /// <summary>768 × 8, two regression targets (heating and cooling load).</summary>
    public static Dataset EnergyEfficiency()
    {
        var lines = File.ReadAllLines(TestData.File("energy-efficiency", "ENB2012_data.csv"));
        var header = Split(lines[0], ',');
        var rows = Rows(lines.Skip(1), ',');
        return new Dataset(
            ToMatrix(rows.Select(r => r[..8]).ToArray()),
            header[..8],
            [rows.Select(r => r[8]).ToArray(), rows.Select(r => r[9]).ToArray()],
            header[8..]);
    }

    private static Dataset MetaHeaderCsv(string folder, string file, string targetName)
    {
        var lines = File.ReadAllLines(TestData.File(folder, file));
        var rows = Rows(lines.Skip(1), ',');
        int features = rows[0].Length - 1;
        return new Dataset(
            ToMatrix(rows.Select(r => r[..features]).ToArray()),
            Enumerable.Range(0, features).Select(j => $"x{j}").ToArray(),
            [rows.Select(r => r[features]).ToArray()],
            [targetName]);
    }

    private static IEnumerable<string> Gunzip(string folder, string file)
    {
        using var stream = new GZipStream(File.OpenRead(TestData.File(folder, file)), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static double[][] Rows(IEnumerable<string> lines, char separator)
        => lines.Where(l => l.Trim().Length > 0)
            .Select(l => Split(l, separator).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();

    private static string[] Split(string line, char separator)
        => line.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static double[,] ToMatrix(double[][] rows)
    {
        var m = new double[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < rows[0].Length; j++)
            {
                m[i, j] = rows[i][j];
            }
        }

        return m;
    }
}
