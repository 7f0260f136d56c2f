using System.Text.Json;

namespace MultiTask.Tests.TestUtilities;

/// <summary>
/// The values PyTorch computed for the safetensors fixtures (tests/data/safetensors/torch_expected.json, written by
/// tests/reference/safetensors_interop.py with python3-torch).
/// </summary>
public static class TorchReference
{
    private static readonly Lazy<JsonElement> Json = new(() => JsonDocument.Parse(System.IO.File.ReadAllText(File("torch_expected.json"))).RootElement);

    public static string File(string name) => TestData.File("safetensors", name);

    public static float[,] Inputs => Matrix("inputs");

    public static float[,] Matrix(string key)
    {
        var rows = Json.Value.GetProperty(key).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
        var m = new float[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++)
        {
            for (int j = 0; j < rows[i].Length; j++)
            {
                m[i, j] = rows[i][j];
            }
        }

        return m;
    }

    public static string[] Names(string key) => Json.Value.GetProperty(key).EnumerateArray().Select(v => v.GetString()!).ToArray();

    public static double[] DTypeValues(string name) => Json.Value.GetProperty("dtypes").GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();
}
