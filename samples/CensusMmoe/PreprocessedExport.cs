using System.Globalization;
using System.Text;
using MultiTask;
using MultiTask.Data;

namespace CensusMmoe;

/// <summary>
/// Writes the preprocessed splits as CSV (features f0…, then one label column per task) for the PyTorch peer
/// tests/reference/census_mmoe.py, so that both train on exactly the same numbers.
/// </summary>
internal static class PreprocessedExport
{
    public static void Write(string folder, IReadOnlyList<TaskSpec> tasks, params (string Name, float[,] X, TaskTargets[] Y)[] parts)
    {
        Directory.CreateDirectory(folder);
        foreach (var (name, x, y) in parts)
        {
            var labels = y.Select(t => t.Labels ?? throw new ArgumentException($"Part '{name}': the export expects class labels.", nameof(parts))).ToArray();
            var text = new StringBuilder();
            text.AppendLine(string.Join(",", Enumerable.Range(0, x.GetLength(1)).Select(j => $"f{j}").Concat(tasks.Select(t => t.Name))));
            for (int i = 0; i < x.GetLength(0); i++)
            {
                for (int j = 0; j < x.GetLength(1); j++)
                {
                    text.Append(x[i, j].ToString("R", CultureInfo.InvariantCulture)).Append(',');
                }

                text.AppendLine(string.Join(",", labels.Select(l => l[i].ToString(CultureInfo.InvariantCulture))));
            }

            // Atomic: a temporary file, then a rename.
            string path = Path.Combine(folder, name + ".csv");
            string temporary = path + ".tmp";
            File.WriteAllText(temporary, text.ToString());
            File.Move(temporary, path, overwrite: true);
        }
    }
}
