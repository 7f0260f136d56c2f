using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MultiTask.Serialization;

namespace MultiTask.Safetensors;

/// <summary>
/// Reads and writes the safetensors format of Hugging Face's <c>safetensors</c> package (the usual way to exchange
/// PyTorch weights): an 8-byte little-endian header length N, N bytes of UTF-8 JSON mapping each tensor name to
/// <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> (offsets relative to the data section) plus an optional
/// <c>"__metadata__"</c> object of strings, then the raw little-endian data.
/// </summary>
/// <remarks>
/// Reading is strict, as the reference implementation: the header must fit the file and the limit
/// <see cref="MaxHeaderBytes"/>, names must be unique and non-empty, every dtype known, every shape's byte count equal to
/// its offsets, and the tensors must cover the data section exactly, without overlap, gap or trailing bytes. Each
/// error names the file and the tensor. Writing is atomic (a temporary file in the same folder, then a rename; temporary files an interrupted write left behind are deleted).
/// </remarks>
public static class SafetensorsFile
{
    /// <summary>The largest header accepted, in bytes (the reference implementation's limit: 100,000,000).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const string MetadataKey = "__metadata__";

    /// <summary>Reads a safetensors file into memory, validating it completely.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="SafetensorsException">The file is truncated or its header is invalid; the message names the file and the tensor.</exception>
    public static SafetensorsContent Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Safetensors file '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses the bytes of a safetensors file, validating them completely.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="source">The file's name, for messages.</param>
    /// <exception cref="SafetensorsException">The bytes are truncated or the header is invalid.</exception>
    public static SafetensorsContent Parse(byte[] bytes, string source)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(source);
        if (bytes.Length < 8)
        {
            throw Error(source, string.Create(CultureInfo.InvariantCulture, $"is truncated: {bytes.Length} bytes, fewer than the 8-byte header length"));
        }

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > MaxHeaderBytes)
        {
            throw Error(source, string.Create(CultureInfo.InvariantCulture, $"declares a header of {headerLength} bytes, more than the limit of {MaxHeaderBytes}"));
        }

        if (8 + (long)headerLength > bytes.Length)
        {
            throw Error(source, string.Create(CultureInfo.InvariantCulture, $"is truncated: its header of {headerLength} bytes does not fit in its {bytes.Length} bytes"));
        }

        int dataStart = 8 + (int)headerLength;
        var entries = new List<(string Name, SafetensorsDType Type, long[] Shape, long Begin, long End)>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Error(source, "has a header that is not a JSON object");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw Error(source, $"names tensor '{property.Name}' twice in its header");
                }

                if (property.Name == MetadataKey)
                {
                    ReadMetadata(property.Value, metadata, source);
                    continue;
                }

                entries.Add(ReadEntry(property.Name, property.Value, source));
            }
        }
        catch (JsonException e)
        {
            throw new SafetensorsException($"Safetensors file '{source}' has a header that is not valid JSON: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new SafetensorsException($"Safetensors file '{source}' has a header that is not valid UTF-8 JSON: {e.Message}", e);
        }

        long dataLength = bytes.Length - dataStart;
        var ordered = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToArray();
        long covered = 0;
        string? previous = null;
        foreach (var entry in ordered)
        {
            if (entry.End > dataLength)
            {
                throw Error(source, string.Create(CultureInfo.InvariantCulture, $"places tensor '{entry.Name}' at bytes [{entry.Begin}, {entry.End}) of a data section of {dataLength} bytes (the file is truncated or the offsets are wrong)"));
            }

            if (entry.Begin < covered)
            {
                throw Error(source, string.Create(CultureInfo.InvariantCulture, $"has tensor '{entry.Name}' at bytes [{entry.Begin}, {entry.End}) overlapping tensor '{previous}' (which ends at {covered})"));
            }

            if (entry.Begin > covered)
            {
                throw Error(source, string.Create(CultureInfo.InvariantCulture, $"has {entry.Begin - covered} unused bytes before tensor '{entry.Name}' (bytes [{covered}, {entry.Begin}) of the data section)"));
            }

            covered = entry.End;
            previous = entry.Name;
        }

        if (covered != dataLength)
        {
            throw Error(source, string.Create(CultureInfo.InvariantCulture, $"has {dataLength - covered} bytes after its last tensor that no tensor covers"));
        }

        var tensors = ordered
            .Select(e => new SafetensorsTensor(e.Name, e.Type, e.Shape, bytes.AsMemory(dataStart + (int)e.Begin, (int)(e.End - e.Begin))))
            .ToArray();
        return new SafetensorsContent(source, tensors, metadata);
    }

    /// <summary>
    /// Writes tensors (in the given order) and optional metadata as a safetensors file that PyTorch's
    /// <c>safetensors.torch.load_file</c> reads, atomically: to a temporary file in the same folder, then renamed.
    /// The header is padded with spaces to a multiple of 8 bytes, so the data is aligned as the reference writer aligns it.
    /// </summary>
    /// <param name="path">The file to write; its folder is created if needed.</param>
    /// <param name="tensors">The tensors; names unique.</param>
    /// <param name="metadata">Strings stored under <c>__metadata__</c>; null for none.</param>
    /// <exception cref="ArgumentException">Two tensors share a name, or a tensor is named <c>__metadata__</c>.</exception>
    public static void Write(string path, IEnumerable<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var list = tensors.ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tensor in list)
        {
            ArgumentNullException.ThrowIfNull(tensor, nameof(tensors));
            if (tensor.Name == MetadataKey || !names.Add(tensor.Name))
            {
                throw new ArgumentException($"Cannot write '{path}': tensor name '{tensor.Name}' is {(tensor.Name == MetadataKey ? "reserved for the metadata" : "used twice")}.", nameof(tensors));
            }
        }

        var header = Header(list, metadata);
        AtomicFile.Write(path, "safetensors file", stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var tensor in list)
            {
                stream.Write(tensor.Data.Span);
            }
        });
    }

    private static byte[] Header(SafetensorsTensor[] tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
            }

            long offset = 0;
            foreach (var tensor in tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", SafetensorsDTypes.Name(tensor.DType));
                json.WriteStartArray("shape");
                foreach (long d in tensor.Shape)
                {
                    json.WriteNumberValue(d);
                }

                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += tensor.Data.Length;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        int padded = (int)((buffer.Length + 7) / 8 * 8);
        var header = new byte[padded];
        buffer.ToArray().CopyTo(header, 0);
        header.AsSpan((int)buffer.Length).Fill((byte)' ');
        return header;
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error(source, $"has a '{MetadataKey}' entry that is not an object of strings");
        }

        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw Error(source, $"has metadata '{item.Name}' that is not a string");
            }

            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
            {
                throw Error(source, $"names metadata '{item.Name}' twice");
            }
        }
    }

    private static (string Name, SafetensorsDType Type, long[] Shape, long Begin, long End) ReadEntry(string name, JsonElement value, string source)
    {
        if (name.Length == 0)
        {
            throw Error(source, "has a tensor with an empty name");
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error(source, $"has an entry for tensor '{name}' that is not an object with dtype, shape and data_offsets");
        }

        string? dtypeName = null;
        long[]? shape = null;
        long[]? offsets = null;
        foreach (var field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype" when field.Value.ValueKind == JsonValueKind.String && dtypeName is null:
                    dtypeName = field.Value.GetString()!;
                    break;
                case "shape" when shape is null:
                    shape = Integers(field.Value, name, "shape", source);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = Integers(field.Value, name, "data_offsets", source);
                    break;
                default:
                    throw Error(source, $"has an unexpected or repeated field '{field.Name}' in the entry of tensor '{name}' (expected dtype, shape and data_offsets once each)");
            }
        }

        if (dtypeName is null || shape is null || offsets is null)
        {
            throw Error(source, $"lacks {(dtypeName is null ? "dtype" : shape is null ? "shape" : "data_offsets")} for tensor '{name}'");
        }

        var type = SafetensorsDTypes.Parse(dtypeName)
            ?? throw Error(source, $"gives tensor '{name}' dtype '{dtypeName}', which this library does not read (it reads {SafetensorsDTypes.Known})");
        if (offsets.Length != 2 || offsets[0] > offsets[1])
        {
            throw Error(source, $"gives tensor '{name}' data_offsets [{string.Join(", ", offsets)}]; expected [begin, end] with 0 ≤ begin ≤ end");
        }

        long? bytes = SafetensorsTensor.ByteCount(shape, SafetensorsDTypes.Size(type));
        if (bytes != offsets[1] - offsets[0])
        {
            throw Error(source, string.Create(CultureInfo.InvariantCulture, $"gives tensor '{name}' shape {SafetensorsTensor.FormatShape(shape)} of dtype {dtypeName}, which needs {(bytes is long b ? b.ToString(CultureInfo.InvariantCulture) : "more than 2^63")} bytes, but data_offsets [{offsets[0]}, {offsets[1]}) hold {offsets[1] - offsets[0]}"));
        }

        return (name, type, shape, offsets[0], offsets[1]);
    }

    private static long[] Integers(JsonElement value, string tensor, string field, string source)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(source, $"gives tensor '{tensor}' a {field} that is not an array of integers");
        }

        var result = new long[value.GetArrayLength()];
        int i = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out result[i]) || result[i] < 0)
            {
                throw Error(source, $"gives tensor '{tensor}' a {field} with {item.GetRawText()}, which is not an integer ≥ 0");
            }

            i++;
        }

        return result;
    }

    private static SafetensorsException Error(string source, string problem) => new($"Safetensors file '{source}' {problem}.");
}
