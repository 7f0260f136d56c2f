using System.Diagnostics;
using System.Globalization;
using TorchSharp;

namespace MultiTask.Benchmarks;

/// <summary>
/// The library's peak RSS on its own, to compare with the PyTorch peer's process: the throughput mode's own process
/// also holds the hand-written loop's copy of the data and model, so its peak is not the library's. A child process
/// (this program with <see cref="Flag"/>) builds the same data, warms up and runs one <c>Fit</c>, then prints its VmHWM.
/// </summary>
internal static class LibraryAlone
{
    /// <summary>The first argument that makes this program the child.</summary>
    internal const string Flag = "--library-alone";

    private const string Prefix = "peak_rss_bytes ";

    /// <summary>The child: same data and warm-up as the throughput mode, one library run, then its peak RSS on stdout.</summary>
    internal static int Child(BenchmarkOptions options)
    {
        torch.set_num_threads(BenchmarkOptions.Threads);
        var data = SyntheticData.Create(options.Rows, BenchmarkOptions.Features, BenchmarkOptions.DataSeed);
        using (var warm = LibraryRun.Load(data.Head(Math.Min(BenchmarkOptions.WarmUpRows, options.Rows))))
        {
            LibraryRun.Run(warm, epochs: 1, architecture: options.Architecture);
        }

        using var libraryData = LibraryRun.Load(data);
        LibraryRun.Run(libraryData, options.Epochs, architecture: options.Architecture);
        Console.WriteLine(Prefix + MemoryProbe.PeakBytes().ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    /// <summary>Runs the child with the given benchmark arguments; null (with the reason on the console) when it fails.</summary>
    internal static long? PeakBytes(IEnumerable<string> arguments)
    {
        string host = Environment.ProcessPath ?? "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LibraryAlone).Assembly.Location);
        }

        start.ArgumentList.Add(Flag);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        string? line = output.Split('\n').LastOrDefault(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
        {
            Console.WriteLine($"(the library-alone process failed with exit code {child.ExitCode}; no RSS to compare)");
            return null;
        }

        return long.Parse(line[Prefix.Length..], CultureInfo.InvariantCulture);
    }
}
