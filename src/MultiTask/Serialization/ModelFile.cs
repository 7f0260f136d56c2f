using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MultiTask.Serialization;

/// <summary>
/// The model file: a header, a JSON description (tasks, architecture, trainer state), binary blobs (the weights in
/// TorchSharp's state-dict format; in a checkpoint also the optimiser state), and a SHA-256 of everything before it.
/// Written atomically (temporary file, then rename).
/// </summary>
/// <remarks>
/// Layout: 8-byte magic <c>MTMODEL\0</c>, int32 format version, int32 JSON length, JSON (UTF-8), int32 blob count,
/// then per blob an int64 length and its bytes, then a 32-byte SHA-256 over all preceding bytes. Integers are little-endian.
/// </remarks>
internal static class ModelFile
{
    internal const int FormatVersion = 1;

    private static readonly byte[] Magic = "MTMODEL\0"u8.ToArray();

    internal static void Write(string path, JsonObject description, IReadOnlyList<byte[]> blobs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var json = Encoding.UTF8.GetBytes(description.ToJsonString());
        AtomicFile.Write(path, "model file", stream =>
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> number = stackalloc byte[8];
            void Put(ReadOnlySpan<byte> bytes)
            {
                stream.Write(bytes);
                hash.AppendData(bytes);
            }

            Put(Magic);
            BinaryPrimitives.WriteInt32LittleEndian(number, FormatVersion);
            Put(number[..4]);
            BinaryPrimitives.WriteInt32LittleEndian(number, json.Length);
            Put(number[..4]);
            Put(json);
            BinaryPrimitives.WriteInt32LittleEndian(number, blobs.Count);
            Put(number[..4]);
            foreach (var blob in blobs)
            {
                BinaryPrimitives.WriteInt64LittleEndian(number, blob.Length);
                Put(number);
                Put(blob);
            }

            stream.Write(hash.GetHashAndReset());
        });
    }

    internal static (JsonObject Description, byte[][] Blobs) Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new ModelFileException($"Model file path '{path}' is a directory, not a file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Model file '{path}' does not exist.", path);
        }

        long fileLength = new FileInfo(path).Length;
        if (fileLength > int.MaxValue)
        {
            throw new ModelFileException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Model file '{path}' has {fileLength} bytes, more than the 2 GiB a model file may have."));
        }

        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < Magic.Length || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new ModelFileException($"'{path}' is not a MultiTask model file (its header is not 'MTMODEL').");
        }

        const int fixedLength = 8 + 4 + 4 + 4 + 32;
        if (bytes.Length < fixedLength)
        {
            throw new ModelFileException($"Model file '{path}' is truncated: {bytes.Length} bytes.");
        }

        int version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (version > FormatVersion || version < 1)
        {
            throw new ModelFileException($"Model file '{path}' has format version {version}; this library reads version {FormatVersion}. Update MultiTask to load it.");
        }

        int body = bytes.Length - 32;
        int jsonLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12));
        long position = 16L + jsonLength;
        if (jsonLength < 0 || position + 4 > body)
        {
            throw Truncated(path, bytes.Length);
        }

        int blobCount = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan((int)position));
        position += 4;
        if (blobCount is < 0 or > 16)
        {
            throw Truncated(path, bytes.Length);
        }

        var ranges = new (int Start, int Length)[blobCount];
        for (int i = 0; i < blobCount; i++)
        {
            if (position + 8 > body)
            {
                throw Truncated(path, bytes.Length);
            }

            long length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan((int)position));
            position += 8;
            if (length < 0 || position + length > body)
            {
                throw Truncated(path, bytes.Length);
            }

            ranges[i] = ((int)position, (int)length);
            position += length;
        }

        if (position != body)
        {
            throw Truncated(path, bytes.Length);
        }

        if (!SHA256.HashData(bytes.AsSpan(0, body)).AsSpan().SequenceEqual(bytes.AsSpan(body)))
        {
            throw new ModelFileException($"Model file '{path}' is corrupted: its SHA-256 checksum does not match its contents.");
        }

        JsonObject description;
        try
        {
            description = JsonNode.Parse(bytes.AsSpan(16, jsonLength)) as JsonObject
                ?? throw new ModelFileException($"Model file '{path}' has a description that is not a JSON object.");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new ModelFileException($"Model file '{path}' has an unreadable description: {e.Message}", e);
        }

        try
        {
            DescriptionSchema.Check(description, blobCount);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            throw new ModelFileException($"Model file '{path}' has an invalid description: {e.Message}", e);
        }

        return (description, ranges.Select(r => bytes.AsSpan(r.Start, r.Length).ToArray()).ToArray());
    }

    private static ModelFileException Truncated(string path, int length)
        => new($"Model file '{path}' is truncated or corrupted: its sections do not fit its {length} bytes.");
}
