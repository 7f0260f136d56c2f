using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MultiTask.Tests.Serialization;

/// <summary>
/// Takes a model file apart (description JSON and blobs) and puts it back together with a freshly computed SHA-256, so
/// that tests can edit a file the way an attacker or a careless tool would and still pass the checksum.
/// </summary>
public sealed class ModelFileBytes
{
    public ModelFileBytes(JsonObject description, List<byte[]> blobs)
    {
        Description = description;
        Blobs = blobs;
    }

    public JsonObject Description { get; set; }

    public List<byte[]> Blobs { get; }

    /// <summary>Raw JSON text to write instead of <see cref="Description"/> (for text-level edits such as duplicate keys).</summary>
    public string? RawJson { get; set; }

    public static ModelFileBytes Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int jsonLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        var description = (JsonObject)JsonNode.Parse(bytes.AsSpan(16, jsonLength))!;
        int position = 16 + jsonLength;
        int count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(position));
        position += 4;
        var blobs = new List<byte[]>();
        for (int i = 0; i < count; i++)
        {
            int length = (int)BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(position));
            position += 8;
            blobs.Add(bytes.AsSpan(position, length).ToArray());
            position += length;
        }

        return new ModelFileBytes(description, blobs);
    }

    /// <summary>The file's bytes with a valid checksum (the body optionally followed by <paramref name="trailing"/> before the checksum).</summary>
    public byte[] ToBytes(byte[]? trailing = null)
    {
        var json = Encoding.UTF8.GetBytes(RawJson ?? Description.ToJsonString());
        using var body = new MemoryStream();
        body.Write("MTMODEL\0"u8);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(number, 1);
        body.Write(number[..4]);
        BinaryPrimitives.WriteInt32LittleEndian(number, json.Length);
        body.Write(number[..4]);
        body.Write(json);
        BinaryPrimitives.WriteInt32LittleEndian(number, Blobs.Count);
        body.Write(number[..4]);
        foreach (var blob in Blobs)
        {
            BinaryPrimitives.WriteInt64LittleEndian(number, blob.Length);
            body.Write(number);
            body.Write(blob);
        }

        body.Write(trailing ?? []);
        var content = body.ToArray();
        return [.. content, .. SHA256.HashData(content)];
    }

    public void Write(string path, byte[]? trailing = null) => File.WriteAllBytes(path, ToBytes(trailing));

    public ModelFileBytes Clone() => new((JsonObject)JsonNode.Parse(Description.ToJsonString())!, Blobs.Select(b => (byte[])b.Clone()).ToList());
}
