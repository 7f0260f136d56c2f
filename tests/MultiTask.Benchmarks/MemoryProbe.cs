using System.Diagnostics;
using System.Globalization;

namespace MultiTask.Benchmarks;

/// <summary>Resident set size of this process (current and peak), from /proc/self/status where available.</summary>
internal static class MemoryProbe
{
    /// <summary>Current RSS in bytes (VmRSS), or the working set where /proc is missing.</summary>
    internal static long CurrentBytes() => ReadStatus("VmRSS:") ?? Process.GetCurrentProcess().WorkingSet64;

    /// <summary>Peak RSS in bytes (VmHWM), or the peak working set where /proc is missing.</summary>
    internal static long PeakBytes() => ReadStatus("VmHWM:") ?? Process.GetCurrentProcess().PeakWorkingSet64;

    /// <summary>
    /// Resets the peak RSS (VmHWM) to the current RSS by writing 5 to /proc/self/clear_refs (Linux ≥ 4.0), so that the
    /// next <see cref="PeakBytes"/> covers only what happens afterwards. Returns false where that is not possible.
    /// </summary>
    internal static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The 1/5/15-minute load averages from /proc/loadavg, or an empty note where unavailable.</summary>
    internal static string LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? "load average " + string.Join(' ', File.ReadAllText(path).Split(' ').Take(3)) : "load average n/a";
    }

    internal static string Format(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):F0} MiB");

    private static long? ReadStatus(string key)
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path))
        {
            return null;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith(key, StringComparison.Ordinal))
            {
                var parts = line[key.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }
}
