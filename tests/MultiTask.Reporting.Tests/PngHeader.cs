using System.Buffers.Binary;

namespace MultiTask.Reporting.Tests;

/// <summary>The width and height of a PNG from its IHDR chunk (PNG specification, section 11.2.2).</summary>
internal static class PngHeader
{
    public static (int Width, int Height) Size(byte[] png)
    {
        png.Take(8).Should().Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "a PNG starts with its signature");
        System.Text.Encoding.ASCII.GetString(png, 12, 4).Should().Be("IHDR");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
