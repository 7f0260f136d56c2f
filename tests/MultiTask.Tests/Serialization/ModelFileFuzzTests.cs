using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using MultiTask.Architectures;
using MultiTask.Models;
using MultiTask.Prediction;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tests.Serialization;

/// <summary>
/// A seeded fuzz test of <see cref="MultiTaskModel.Load"/>: hundreds of damaged copies of a small model file (hard
/// sharing, MMoE and PLE), each with its checksum recomputed so that the damage reaches the readers behind the
/// checksum. Only
/// <see cref="ModelFileException"/> may escape, every message names the file, memory stays bounded, and a copy that
/// does load is a working model (finite predictions).
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class ModelFileFuzzTests : IDisposable
{
    private const int Iterations = 600;
    private static readonly string[] HostileValues = ["null", "-1", "0", "1", "2000000000", "1e300", "10000000", "1.5", "\"x\"", "true", "[]", "{}", "[1000000000]", "\"Multiclass\"", "-0.5", "9223372036854775807"];
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("hard-sharing")]
    [InlineData("mmoe")]
    [InlineData("ple")]
    public void DamagedFilesWithValidChecksums_OnlyEverRaiseModelFileException_WithBoundedMemory(string architecture)
    {
        string original = _dir.File("original.mtm");
        TaskSpec[] tasks = [TaskSpec.Regression("price"), TaskSpec.Multiclass("segment", 3), TaskSpec.Binary("churn")];
        var expert = Trunks.Mlp(3, [5, 4], dropout: 0.1, normalization: Normalization.BatchNorm);
        using (var model = architecture switch
        {
            "mmoe" => MultiTaskModel.Create(tasks, new MmoeArchitecture { Expert = expert, ExpertCount = 3, Tower = Heads.Mlp([2]) }, seed: 3),
            "ple" => MultiTaskModel.Create(tasks, new PleArchitecture { Experts = [expert, Trunks.Mlp(4, [4])], TaskExpertCount = 2, Tower = Heads.Mlp([2]) }, seed: 3),
            _ => MultiTaskModel.Create(tasks, expert, Heads.Mlp([2]), seed: 3),
        })
        {
            model.Save(original);
        }

        var pristine = ModelFileBytes.Read(original);
        var random = new Random(20261201);
        string path = _dir.File("fuzzed.mtm");
        using var process = Process.GetCurrentProcess();
        LoadAndPredict(original).Should().BeTrue("the undamaged file loads");
        long baseline = WorkingSet(process);
        long peak = baseline;
        int rejected = 0, loaded = 0;
        var unexpected = new List<string>();
        for (int i = 0; i < Iterations; i++)
        {
            var file = pristine.Clone();
            string mutation = Mutate(file, random);
            File.WriteAllBytes(path, mutation == "trailing" ? file.ToBytes(trailing: [1, 2, 3]) : file.ToBytes());
            switch (Outcome(() => LoadAndPredict(path), path, $"{i} {mutation}", unexpected))
            {
                case true:
                    loaded++;
                    break;
                case false:
                    rejected++;
                    break;
            }

            peak = Math.Max(peak, WorkingSet(process));
        }

        unexpected.Should().BeEmpty();
        (rejected + loaded).Should().Be(Iterations);
        rejected.Should().BeGreaterThan(Iterations / 2, "most mutations damage the file");
        (peak - baseline).Should().BeLessThan(256L << 20, "no mutation may make the reader allocate the sizes it describes");
    }

    /// <summary>Loads the file; a model that loads must predict finite values for a row of zeros.</summary>
    private static bool LoadAndPredict(string path)
    {
        using var model = MultiTaskModel.Load(path);
        var predictions = model.Predict(new float[1, model.Architecture.InputWidth ?? 1]);
        foreach (var task in predictions.Tasks)
        {
            var values = task switch
            {
                RegressionPrediction r => r.Values.Select(v => (double)v),
                BinaryPrediction b => b.Probabilities,
                MulticlassPrediction m => m.Probabilities.SelectMany(p => p),
                _ => [],
            };
            values.Should().OnlyContain(v => double.IsFinite(v), "a model that loads has finite weights");
        }

        return true;
    }

    /// <summary>
    /// Runs one load of a damaged file: true when it loads, false when it is a <see cref="ModelFileException"/> (whose
    /// message must name <paramref name="path"/>), null (recorded in <paramref name="unexpected"/>) for anything else.
    /// </summary>
    internal static bool? Outcome(Action load, string path, string label, List<string> unexpected)
    {
        try
        {
            load();
            return true;
        }
        catch (ModelFileException e)
        {
            if (!e.Message.Contains(path, StringComparison.Ordinal))
            {
                unexpected.Add($"{label}: message without the file: {e.Message}");
            }

            return false;
        }
        catch (Exception e)
        {
            unexpected.Add($"{label}: {e.GetType().Name}: {e.Message}");
            return null;
        }
    }

    internal static long WorkingSet(Process process)
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>Damages the file in one of ten ways: description mutations target <paramref name="focus"/> (default: the whole description), blob mutations blob <paramref name="blobIndex"/>.</summary>
    internal static string Mutate(ModelFileBytes file, Random random, JsonObject? focus = null, int blobIndex = 0)
    {
        var blob = file.Blobs[blobIndex];
        focus ??= file.Description;
        switch (random.Next(10))
        {
            case 0:
            case 1:
                {
                    var (parent, key, index) = PickNode(focus, random);
                    var value = HostileValues[random.Next(HostileValues.Length)];
                    var node = value == "null" ? null : JsonNode.Parse(value);
                    if (parent is JsonArray array)
                    {
                        array[index] = node;
                    }
                    else
                    {
                        ((JsonObject)parent)[key!] = node;
                    }

                    return $"value {key ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture)} = {value}";
                }

            case 2:
                {
                    var objects = Nodes(focus).OfType<JsonObject>().Where(o => o.Count > 0).ToArray();
                    var target = objects[random.Next(objects.Length)];
                    string key = target.ElementAt(random.Next(target.Count)).Key;
                    if (random.Next(2) == 0)
                    {
                        target.Remove(key);
                        return $"delete {key}";
                    }

                    target["zz" + key] = 1;
                    return $"unknown zz{key}";
                }

            case 3:
                for (int k = random.Next(1, 5); k > 0; k--)
                {
                    blob[random.Next(blob.Length)] ^= (byte)random.Next(1, 256);
                }

                return "weight bytes";
            case 4:
                {
                    int at = random.Next(blob.Length - 4);
                    BitConverter.GetBytes(random.Next(2) == 0 ? float.NaN : float.NegativeInfinity).CopyTo(blob, at);
                    return "non-finite bytes";
                }

            case 5:
                file.Blobs[blobIndex] = blob[..random.Next(blob.Length)];
                return "weights cut";
            case 6:
                switch (random.Next(3))
                {
                    case 0:
                        file.Blobs.Add(blob);
                        return "second blob";
                    case 1:
                        file.Blobs.Clear();
                        return "no blob";
                    default:
                        return "trailing";
                }

            case 7:
                {
                    var text = Encoding.UTF8.GetBytes(file.Description.ToJsonString());
                    for (int k = random.Next(1, 4); k > 0; k--)
                    {
                        text[random.Next(text.Length)] = (byte)"{}[]\",:0123456789-eE.nulltrue"[random.Next(28)];
                    }

                    file.RawJson = Encoding.UTF8.GetString(text);
                    return "json text";
                }

            case 8:
                {
                    int at = random.Next(blob.Length);
                    var garbage = Enumerable.Range(0, random.Next(1, 12)).Select(_ => (byte)random.Next(256)).ToArray();
                    file.Blobs[blobIndex] = [.. blob[..at], .. garbage, .. blob[at..]];
                    return "weight bytes inserted";
                }

            default:
                {
                    var sizes = Nodes(focus).OfType<JsonValue>().Where(v => v.TryGetValue(out int _)).ToArray();
                    var target = sizes[random.Next(sizes.Length)];
                    var parent = target.Parent!;
                    var replacement = JsonValue.Create(target.GetValue<int>() * random.Next(2, 1000));
                    if (parent is JsonArray array)
                    {
                        array[array.IndexOf(target)] = replacement;
                    }
                    else
                    {
                        ((JsonObject)parent)[target.GetPropertyName()] = replacement;
                    }

                    return "size scaled";
                }
        }
    }

    private static (JsonNode Parent, string? Key, int Index) PickNode(JsonObject root, Random random)
    {
        var children = Nodes(root).Where(n => n.Parent is not null).ToArray();
        var node = children[random.Next(children.Length)];
        return node.Parent is JsonArray array ? (array, null, array.IndexOf(node)) : (node.Parent!, node.GetPropertyName(), -1);
    }

    private static IEnumerable<JsonNode> Nodes(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var inner in Nodes(child))
            {
                yield return inner;
            }
        }
    }
}
