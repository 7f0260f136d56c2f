using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace MultiTask;

/// <summary>
/// Loads TorchSharp's native library once and explains a failure in terms a user can act on. In an application
/// (TorchSharp.dll next to it), libtorch and LibTorchSharp are loaded here first, by name and relative to TorchSharp,
/// as TorchSharp's own first attempt does; so a missing backend package or a too old C++ runtime is reported before
/// TorchSharp's fallback prints its misleading text, or copies libtorch out of the NuGet cache next to the application.
/// In a notebook or script (TorchSharp.dll in the NuGet cache) that fallback is how libtorch is found, so it is left alone.
/// </summary>
internal static class TorchRuntime
{
    /// <summary>The libstdc++ symbol version that libtorch 2.10 (TorchSharp 0.107) needs: GCC 13 or newer.</summary>
    internal const int RequiredGlibcxxPatch = 32;

    private const string LibTorch = "torch_cpu";
    private const string LibTorchSharp = "LibTorchSharp";

    private static readonly Lazy<LoadFailure?> Failure = new(TryLoad, LazyThreadSafetyMode.ExecutionAndPublication);

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
        if (Failure.Value is { } failure)
        {
            throw new TorchNativeLibraryException(failure.Message, failure.Error);
        }
    }

    /// <summary>
    /// The user-facing explanation of a load failure. Its first line says what to do; what the loader or TorchSharp
    /// said comes after the advice, only where it adds something.
    /// </summary>
    /// <param name="facts">What was found on this machine.</param>
    internal static string Advice(TorchRuntimeFacts facts)
    {
        var message = new StringBuilder();
        bool oldLibStdCxx = facts.GlibcxxPatch is int patch && patch < RequiredGlibcxxPatch;
        if (!facts.LibTorchFound)
        {
            message.Append(Invariant($"MultiTask needs a TorchSharp backend package: add TorchSharp-cpu {facts.TorchSharpVersion} (or a CUDA backend of the same version, such as TorchSharp-cuda-linux or TorchSharp-cuda-windows) to the application, so that libtorch is copied next to it."));
            message.Append('\n').Append(Invariant($"No {facts.LibTorchFileName} was found in: {string.Join(", ", facts.SearchedDirectories)}."));
            if (facts.ForeignLibTorch is not null)
            {
                message.Append('\n').Append(Invariant($"The libtorch that loaded instead, {facts.ForeignLibTorch}, comes from elsewhere on this machine (such as a system package of PyTorch) and is not the libtorch that TorchSharp {facts.TorchSharpVersion} needs."));
            }

            if (oldLibStdCxx)
            {
                message.Append('\n').Append("Also: ").Append(LibStdCxxAdvice(facts));
            }
        }
        else if (oldLibStdCxx)
        {
            message.Append("TorchSharp's native library could not be loaded: ").Append(LibStdCxxAdvice(facts));
        }
        else
        {
            message.Append(Invariant($"TorchSharp's native library could not be loaded: libtorch was found, but {facts.FailedLibrary ?? "the native backend"} did not load (see below and the inner exception)."));
            if (facts.LoaderError is not null)
            {
                message.Append('\n').Append(facts.LoaderError);
            }
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

    private static string LibStdCxxAdvice(TorchRuntimeFacts facts) =>
        Invariant($"libtorch 2.10 needs libstdc++ with GLIBCXX_3.4.{RequiredGlibcxxPatch} (GCC 13 or newer), but {facts.LibStdCxxPath} provides only up to GLIBCXX_3.4.{facts.GlibcxxPatch}. ")
        + "On Debian 12: add Debian 13 (trixie) as an apt source pinned at priority 100, then run 'apt-get install -t trixie libstdc++6' "
        + "(the repository's .ci/install-prerequisites script does exactly this). "
        + "On other distributions install the libstdc++ of GCC 13 or newer.";

    private static LoadFailure? TryLoad()
    {
        bool libTorchLoaded = false;
        if (!TorchSharpRunsFromNuGetCache())
        {
            var torchSharp = typeof(torch).Assembly;
            foreach (var library in new[] { LibTorch, LibTorchSharp })
            {
                try
                {
                    NativeLibrary.Load(library, torchSharp, searchPath: null);
                    libTorchLoaded |= library == LibTorch;
                }
                catch (Exception e) when (e is DllNotFoundException or BadImageFormatException)
                {
                    return new LoadFailure(Advice(Detect(library, e.Message, libTorchLoaded)), e);
                }
            }
        }

        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
            return null;
        }
        catch (Exception e) when (e is NotSupportedException or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            var innermost = e;
            while (innermost.InnerException is not null)
            {
                innermost = innermost.InnerException;
            }

            return new LoadFailure(Advice(Detect("TorchSharp", "TorchSharp said: " + innermost.Message, libTorchLoaded)), e);
        }
    }

    private static TorchRuntimeFacts Detect(string failedLibrary, string loaderError, bool libTorchLoaded)
    {
        string fileName = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "torch_cpu.dll"
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? "libtorch_cpu.dylib"
            : "libtorch_cpu.so";
        var directories = NativeSearchDirectories();
        bool found = directories.Any(d => File.Exists(Path.Combine(d, fileName)));
        string? foreign = libTorchLoaded && !found ? LoadedLibraryPath(fileName) ?? "a library found by name on the system search path" : null;
        // The C++ runtime this process actually loaded (LD_LIBRARY_PATH, conda, …), else the distribution's.
        string? libStdCxx = RuntimeInformation.IsOSPlatform(OSPlatform.Linux)
            ? LoadedLibraryPath("libstdc++.so.6") ?? LibStdCxxCandidates.FirstOrDefault(File.Exists)
            : null;
        int? patch = libStdCxx is null ? null : HighestGlibcxxPatch(File.ReadAllBytes(libStdCxx));
        var version = typeof(torch).Assembly.GetName().Version;
        string torchSharpVersion = version is null ? "0.107.0" : Invariant($"{version.Major}.{version.Minor}.{version.Build}");
        return new TorchRuntimeFacts(torchSharpVersion, fileName, found, directories, libStdCxx, patch, failedLibrary, loaderError, foreign);
    }

    /// <summary>On Linux, the file mapped into this process whose name starts with <paramref name="fileName"/>; otherwise null.</summary>
    private static string? LoadedLibraryPath(string fileName)
    {
        try
        {
            return RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && File.Exists("/proc/self/maps")
                ? File.ReadLines("/proc/self/maps")
                    .Select(line => line.IndexOf('/', StringComparison.Ordinal) is var at and >= 0 ? line[at..] : null)
                    .FirstOrDefault(path => path is not null && Path.GetFileName(path).StartsWith(fileName, StringComparison.Ordinal))
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The application's folder, the host's native search folders (NuGet runtime folders included) and TorchSharp's folder.</summary>
    private static string[] NativeSearchDirectories()
    {
        var directories = new List<string> { AppContext.BaseDirectory };
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string native)
        {
            directories.AddRange(native.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        if (Path.GetDirectoryName(typeof(torch).Assembly.Location) is { Length: > 0 } torchSharp)
        {
            directories.Add(torchSharp);
        }

        return directories.Select(d => Path.TrimEndingDirectorySeparator(Path.GetFullPath(d))).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Whether TorchSharp.dll was loaded from the NuGet cache (…/torchsharp/&lt;version&gt;/lib/&lt;tfm&gt;/): a notebook or script.</summary>
    private static bool TorchSharpRunsFromNuGetCache()
    {
        var folder = Path.GetDirectoryName(typeof(torch).Assembly.Location);
        var package = string.IsNullOrEmpty(folder) ? null : Directory.GetParent(folder)?.Parent?.Parent;
        return package?.Name.Equals("torchsharp", StringComparison.OrdinalIgnoreCase) == true;
    }

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private sealed record LoadFailure(string Message, Exception Error);
}
