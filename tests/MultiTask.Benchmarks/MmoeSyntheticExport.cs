using System.Globalization;
using System.Text.Json;
using MultiTask.Data.Synthetic;

namespace MultiTask.Benchmarks;

/// <summary>
/// <c>--mmoe-synthetic --export DIR</c>: writes every (p, seed) data set of the run and the library's per-seed test MSEs,
/// so that <c>tests/reference/mmoe_synthetic.py DIR</c> trains the same models in PyTorch on the very same rows.
/// </summary>
/// <remarks>Files: <c>p{p}_seed{s}.f32</c> (little-endian float32, row-major: rows × (features + tasks), the features
/// then the targets), <c>settings.json</c> (sizes, split, training settings, constants) and <c>library.json</c> (the
/// library's test MSE per architecture, p, seed and task). Each file is written to a temporary name and then renamed.</remarks>
internal static class MmoeSyntheticExport
{
    /// <summary>The file name of one (p, seed) data set.</summary>
    internal static string DataFile(double p, int seed) => string.Create(CultureInfo.InvariantCulture, $"p{p:F1}_seed{seed}.f32");

    /// <summary>Writes the rows of <paramref name="data"/> (features then targets, float32) to <paramref name="path"/>.</summary>
    internal static void WriteData(string path, SyntheticRegressionData data)
    {
        int rows = data.Features.GetLength(0), features = data.Features.GetLength(1), tasks = data.Targets.Count;
        WriteAtomically(path, stream =>
        {
            using var writer = new BinaryWriter(stream);
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < features; j++)
                {
                    writer.Write(data.Features[i, j]);
                }

                for (int t = 0; t < tasks; t++)
                {
                    writer.Write(data.Targets[t][i]);
                }
            }
        });
    }

    /// <summary>Writes <paramref name="value"/> as indented JSON to <paramref name="path"/>.</summary>
    internal static void WriteJson(string path, object value)
        => WriteAtomically(path, stream => JsonSerializer.Serialize(stream, value, new JsonSerializerOptions { WriteIndented = true }));

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        string temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            write(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
