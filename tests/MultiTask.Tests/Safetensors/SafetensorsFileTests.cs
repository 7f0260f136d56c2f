using System.Buffers.Binary;
using System.Text;
using MultiTask.Safetensors;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tests.Safetensors;

public sealed class SafetensorsFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Read_PyTorchWrittenFile_GivesPyTorchsValuesForEveryDType()
    {
        var content = SafetensorsFile.Read(TorchReference.File("dtypes.safetensors"));

        content.Tensors.Select(t => (t.Name, t.DType)).Should().Equal(
            ("f64", SafetensorsDType.F64), ("f32", SafetensorsDType.F32), ("f16", SafetensorsDType.F16),
            ("bf16", SafetensorsDType.BF16), ("i64", SafetensorsDType.I64), ("i32", SafetensorsDType.I32));
        foreach (var name in new[] { "f64", "f32", "f16", "bf16", "i64", "i32" })
        {
            content[name].ToDoubles().Should().Equal(TorchReference.DTypeValues(name), $"tensor {name} must decode to PyTorch's values exactly");
        }

        content["f64"].Shape.Should().Equal(2, 2);
        content["i32"].Shape.Should().Equal(2, 1);
        // Hand-decoded: F16 0x7BFF is the largest half (65504); BF16 0xC049 is -(1 + 73/128) * 2 = -3.140625.
        content["f16"].ToDoubles()[2].Should().Be(65504);
        content["bf16"].ToDoubles()[1].Should().Be(-3.140625);
    }

    [Fact]
    public void Parse_HandBuiltFile_GivesItsTensorsAndMetadata()
    {
        var bytes = File("{\"__metadata__\":{\"format\":\"pt\"},\"b\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
            [.. Single(1.5f), .. Single(-2f), .. Single(0.25f)]);

        var content = SafetensorsFile.Parse(bytes, "hand.safetensors");

        content.Tensors.Select(t => t.Name).Should().Equal("a", "b");
        content["a"].ToDoubles().Should().Equal(1.5, -2);
        content["b"].Shape.Should().BeEmpty();
        content["b"].ToDoubles().Should().Equal(0.25);
        content.Metadata.Should().Equal(new Dictionary<string, string> { ["format"] = "pt" });
    }

    [Fact]
    public void Write_ProducesTheFormatsBytes_HeaderPaddedToEightBytes()
    {
        var path = _dir.File("w.safetensors");
        SafetensorsFile.Write(path, [SafetensorsTensor.FromSingles("a", [2], [1.5f, -2f])]);

        // Hand-built: the header is this 54-byte JSON plus 2 spaces (56 = 7 × 8), then 1.5f and -2f little-endian.
        const string header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        byte[] expected = [.. Length(56), .. Encoding.UTF8.GetBytes(header + "  "), 0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0xC0];
        header.Length.Should().Be(54);
        System.IO.File.ReadAllBytes(path).Should().Equal(expected);
    }

    [Fact]
    public void WriteThenRead_KeepsEveryDTypeShapeAndMetadata_AndLeavesNoTemporaryFile()
    {
        var path = _dir.File("round.safetensors");
        var source = SafetensorsFile.Read(TorchReference.File("dtypes.safetensors"));
        SafetensorsFile.Write(path, [SafetensorsTensor.FromSingles("old", [1], [9f])]);

        SafetensorsFile.Write(path, source.Tensors, new Dictionary<string, string> { ["note"] = "é ✓" });
        var back = SafetensorsFile.Read(path);

        back.Tensors.Select(t => t.Name).Should().Equal(source.Tensors.Select(t => t.Name));
        foreach (var t in source.Tensors)
        {
            back[t.Name].DType.Should().Be(t.DType);
            back[t.Name].Shape.Should().Equal(t.Shape);
            back[t.Name].Data.ToArray().Should().Equal(t.Data.ToArray());
        }

        back.Metadata["note"].Should().Be("é ✓");
        Directory.GetFiles(_dir.Path).Should().Equal([path]);
    }

    [Fact]
    public void FromDoubles_StoresF64()
    {
        var t = SafetensorsTensor.FromDoubles("x", [1, 2], [0.1, -3]);

        t.DType.Should().Be(SafetensorsDType.F64);
        t.Data.ToArray().Should().Equal([.. BitConverter.GetBytes(0.1), .. BitConverter.GetBytes(-3.0)]);
        t.ElementCount.Should().Be(2);
    }

    [Fact]
    public void Constructor_RefusesAByteCountThatDoesNotMatchTheShape()
    {
        var act = () => new SafetensorsTensor("w", SafetensorsDType.F32, [2, 3], new byte[20]);

        act.Should().Throw<ArgumentException>().WithMessage("Tensor 'w' of dtype F32 and shape [2, 3] needs 24 bytes; got 20.*");
    }

    [Theory]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "*tensor 'b' at bytes [4, 8) overlapping tensor 'a' (which ends at 8)*")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "*4 unused bytes before tensor 'a'*")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8, "*4 bytes after its last tensor*")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}}", 8, "*places tensor 'a' at bytes [0, 12) of a data section of 8 bytes*")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "*tensor 'a' shape [3] of dtype F32, which needs 12 bytes, but data_offsets [0, 8) hold 8*")]
    [InlineData("{\"a\":{\"dtype\":\"F8_E4M3\",\"shape\":[8],\"data_offsets\":[0,8]}}", 8, "*tensor 'a' dtype 'F8_E4M3', which this library does not read*")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "*names tensor 'a' twice*")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, "*tensor 'a' a shape with -2, which is not an integer ≥ 0*")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, "*tensor 'a' data_offsets [8, 0]*")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, "*lacks data_offsets for tensor 'a'*")]
    [InlineData("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"extra\":1}}", 8, "*unexpected or repeated field 'extra' in the entry of tensor 'a'*")]
    [InlineData("{\"__metadata__\":{\"n\":3}}", 0, "*metadata 'n' that is not a string*")]
    [InlineData("[1, 2]", 0, "*header that is not a JSON object*")]
    [InlineData("{\"a\":", 0, "*header that is not valid JSON*")]
    public void Parse_InvalidHeader_NamesTheFileAndTheTensor(string header, int dataBytes, string message)
    {
        var act = () => SafetensorsFile.Parse(File(header, new byte[dataBytes]), "bad.safetensors");

        act.Should().Throw<SafetensorsException>().WithMessage("Safetensors file 'bad.safetensors' " + message);
    }

    [Fact]
    public void Parse_TruncatedOrOversizedHeader_IsRefused()
    {
        var tooShort = () => SafetensorsFile.Parse([1, 0, 0], "s.safetensors");
        var beyond = () => SafetensorsFile.Parse([.. Length(100), .. "{}"u8], "b.safetensors");
        var huge = () => SafetensorsFile.Parse([.. Length(SafetensorsFile.MaxHeaderBytes + 1), .. "{}"u8], "h.safetensors");

        tooShort.Should().Throw<SafetensorsException>().WithMessage("Safetensors file 's.safetensors' is truncated: 3 bytes, fewer than the 8-byte header length.");
        beyond.Should().Throw<SafetensorsException>().WithMessage("Safetensors file 'b.safetensors' is truncated: its header of 100 bytes does not fit in its 10 bytes.");
        huge.Should().Throw<SafetensorsException>().WithMessage("*declares a header of 100000001 bytes, more than the limit of 100000000.");
    }

    [Fact]
    public void Read_MissingFile_NamesIt()
    {
        var path = _dir.File("none.safetensors");

        var act = () => SafetensorsFile.Read(path);

        act.Should().Throw<FileNotFoundException>().WithMessage($"Safetensors file '{path}' does not exist.");
    }

    [Fact]
    public void Write_RefusesDuplicateNames()
    {
        var t = SafetensorsTensor.FromSingles("w", [1], [1f]);

        var act = () => SafetensorsFile.Write(_dir.File("d.safetensors"), [t, t]);

        act.Should().Throw<ArgumentException>().WithMessage("*tensor name 'w' is used twice*");
        Directory.GetFiles(_dir.Path).Should().BeEmpty();
    }

    public void Dispose() => _dir.Dispose();

    private static byte[] File(string header, byte[] data) => [.. Length(Encoding.UTF8.GetByteCount(header)), .. Encoding.UTF8.GetBytes(header), .. data];

    private static byte[] Length(long n)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, n);
        return b;
    }

    private static byte[] Single(float v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(b, v);
        return b;
    }
}
