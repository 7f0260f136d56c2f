using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace MultiTask;

/// <summary>Loads TorchSharp's native library once and explains a failure in terms a user can act on.</summary>
internal static class TorchRuntime
{
    /// <summary>The libstdc++ symbol version that libtorch 2.10 (TorchSharp 0.107) needs: GCC 13 or newer.</summary>
    internal const int RequiredGlibcxxPatch = 32;

    private static readonly Lazy<Exception?> LoadError = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly string[] LibStdCxxCandidates =
    [
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6",
        "/usr/lib/libstdc++.so.6",
    ];

    /// <summary>Makes sure the native library is loaded; throws <see cref="TorchNativeLibraryException"/> when it cannot be.</summary>
    internal static void EnsureLoaded()
    {
        var error = LoadError.Value;
        if (error is not null)
        {
            throw new TorchNativeLibraryException(Explain(error, FindLibStdCxx()), error);
        }
    }

    /// <summary>Builds the user-facing explanation of a load failure.</summary>
    /// <param name="error">TorchSharp's exception.</param>
    /// <param name="libStdCxxPath">The C++ runtime found on this machine, or null when none was found or not on Linux.</param>
    internal static string Explain(Exception error, string? libStdCxxPath)
    {
        var message = new StringBuilder("TorchSharp's native library could not be loaded. ");
        int? patch = libStdCxxPath is null ? null : HighestGlibcxxPatch(File.ReadAllBytes(libStdCxxPath));
        if (patch is int p && p < RequiredGlibcxxPatch)
        {
            message.Append(CultureInvariant($"libtorch 2.10 needs libstdc++ with GLIBCXX_3.4.{RequiredGlibcxxPatch} (GCC 13 or newer), but {libStdCxxPath} provides only up to GLIBCXX_3.4.{p}. "));
            message.Append("On Debian 12: add Debian 13 (trixie) as an apt source pinned at priority 100, then run 'apt-get install -t trixie libstdc++6' ");
            message.Append("(the repository's .ci/install-prerequisites script does exactly this). ");
            message.Append("On other distributions install the libstdc++ of GCC 13 or newer.");
        }
        else if (!AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name?.StartsWith("TorchSharp", StringComparison.Ordinal) == true)
            || error.Message.Contains("libtorch-cpu", StringComparison.OrdinalIgnoreCase))
        {
            message.Append("Make sure the application references a TorchSharp backend package (for example TorchSharp-cpu 0.107.0) so that libtorch is copied next to it. ");
            message.Append("TorchSharp said: ").Append(error.Message);
        }
        else
        {
            message.Append("TorchSharp said: ").Append(error.Message);
        }

        return message.ToString();
    }

    /// <summary>The highest N such that the bytes contain the symbol version GLIBCXX_3.4.N, or null when none occurs.</summary>
    /// <param name="library">The contents of a libstdc++ shared object.</param>
    internal static int? HighestGlibcxxPatch(ReadOnlySpan<byte> library)
    {
        ReadOnlySpan<byte> prefix = "GLIBCXX_3.4."u8;
        int? best = null;
        int offset = 0;
        while (true)
        {
            int at = library[offset..].IndexOf(prefix);
            if (at < 0)
            {
                return best;
            }

            int pos = offset + at + prefix.Length;
            int value = 0, digits = 0;
            while (pos < library.Length && library[pos] >= (byte)'0' && library[pos] <= (byte)'9' && digits < 4)
            {
                value = (value * 10) + (library[pos] - (byte)'0');
                pos++;
                digits++;
            }

            if (digits > 0 && (best is null || value > best))
            {
                best = value;
            }

            offset = pos;
        }
    }

    private static string? FindLibStdCxx()
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return null;
        }

        return LibStdCxxCandidates.FirstOrDefault(File.Exists);
    }

    private static Exception? TryLoad()
    {
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            return null;
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            return e;
        }
    }

    private static string CultureInvariant(FormattableString text) => FormattableString.Invariant(text);
}
