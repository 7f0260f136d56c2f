using System.Buffers.Binary;
using System.IO.Compression;

namespace MultiTask.Tabular;

/// <summary>
/// Decompresses a gzip file and, at its end, checks the decompressed data against the file's trailer (RFC 1952: the
/// CRC-32 and the length modulo 2³² of the data), so that a truncated or damaged file is an error instead of a table
/// with rows missing and the last value cut. Every error names the file.
/// </summary>
/// <remarks>A file of several concatenated gzip members is checked against its last member's trailer only, so it is refused: recompress it as one member.</remarks>
internal sealed class CheckedGzipStream : Stream
{
    private static readonly uint[] Table = MakeTable();
    private readonly string _path;
    private readonly GZipStream _inner;
    private readonly uint _expectedCrc;
    private readonly uint _expectedLength;
    private readonly long _fileLength;
    private uint _crc = 0xFFFFFFFFu;
    private long _length;
    private bool _checked;

    internal CheckedGzipStream(string path, FileStream file)
    {
        _path = path;
        _fileLength = file.Length;
        if (_fileLength < 18)
        {
            file.Dispose();
            throw new InvalidDataException($"Gzip file '{path}' is truncated: {_fileLength} bytes, less than the 18 of an empty gzip file.");
        }

        Span<byte> trailer = stackalloc byte[8];
        file.Seek(-8, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Seek(0, SeekOrigin.Begin);
        _expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        _expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]);
        _inner = new GZipStream(file, CompressionMode.Decompress);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read;
        try
        {
            read = _inner.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"Gzip file '{_path}' is damaged or not gzip data: {e.Message}", e);
        }

        if (read > 0)
        {
            Update(buffer[..read]);
        }
        else if (buffer.Length > 0)
        {
            CheckTrailer();
        }

        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static uint[] MakeTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }

    private void Update(ReadOnlySpan<byte> data)
    {
        uint crc = _crc;
        foreach (byte b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        _crc = crc;
        _length += data.Length;
    }

    private void CheckTrailer()
    {
        if (_checked)
        {
            return;
        }

        _checked = true;
        uint crc = ~_crc;
        if (crc != _expectedCrc || (uint)_length != _expectedLength)
        {
            throw new InvalidDataException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"Gzip file '{_path}' is truncated or damaged: its {_fileLength} bytes decompress to {_length} bytes with CRC-32 {crc:x8}, but its trailer records {_expectedLength} bytes (mod 2^32) with CRC-32 {_expectedCrc:x8} (a file of several concatenated gzip members is not supported: recompress it as one)."));
        }
    }
}
