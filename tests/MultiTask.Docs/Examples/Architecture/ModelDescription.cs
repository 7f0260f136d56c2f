// begin-snippet: architecture-model-description
using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;
// end-snippet
using MultiTask.Docs.Tool;
using MultiTask.Models;

namespace MultiTask.Docs.Examples.Architecture;

/// <summary>The model-file section of docs/architecture.md: the description stored in the getting-started model's file.</summary>
internal static class ModelDescription
{
    [DocExample("architecture-model-description")]
    public static void Run()
    {
        TaskSpec[] tasks = [TaskSpec.Regression("price"), TaskSpec.Binary("churn"), TaskSpec.Multiclass("segment", classCount: 3)];
        using var model = MultiTaskModel.Create(
            tasks,
            Trunks.Mlp(inputSize: 8, hiddenSizes: [64, 32], activation: Activation.ReLU, dropout: 0.1),
            head: Heads.Mlp([16]),
            taskHeads: new Dictionary<string, HeadSpec> { ["segment"] = Heads.Mlp([32, 16]) },
            seed: 42);
        model.Save("customers.mtm");

        // begin-snippet: architecture-model-description
        byte[] file = File.ReadAllBytes("customers.mtm");
        string magic = Encoding.ASCII.GetString(file, 0, 7);                      // "MTMODEL" (+ a zero byte)
        int version = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(8, 4));
        int length = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(12, 4));
        var description = JsonNode.Parse(Encoding.UTF8.GetString(file, 16, length))!.AsObject();
        Console.WriteLine($"{magic}, format version {version}, description of {length} bytes:");
        foreach (var (key, value) in description)
        {
            if (value is JsonArray items)
            {
                Console.WriteLine($"{key}:");
                foreach (var item in items)
                {
                    Console.WriteLine($"  {item?.ToJsonString()}");
                }
            }
            else
            {
                Console.WriteLine($"{key}: {value?.ToJsonString() ?? "null"}");
            }
        }
        // end-snippet
    }
}
