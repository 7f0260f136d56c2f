namespace MultiTask.Serialization;

/// <summary>
/// Writes a file atomically: to a temporary file <c>.&lt;name&gt;.&lt;32 hex digits&gt;.tmp</c> in the same folder, flushed
/// to disk, then renamed over the target, so an existing file is never left half-written. Temporary files that an
/// interrupted write of the same target left behind are deleted first.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes the target through <paramref name="write"/>; its folder is created if needed.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="kind">What the file is, for the error message (e.g. "model file").</param>
    /// <param name="write">Writes the whole content to the stream.</param>
    /// <exception cref="IOException">The file could not be written; the message names it.</exception>
    internal static void Write(string path, string kind, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(directory);
        var name = Path.GetFileName(full);
        DeleteStaleTemporaryFiles(directory, name);
        var temp = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            File.Delete(temp);
            throw new IOException($"Could not save the {kind} '{full}': {e.Message}", e);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Deletes temporary files <c>.&lt;name&gt;.&lt;32 hex digits&gt;.tmp</c> that an interrupted save of the same target
    /// left behind. Files of other targets and anything not matching that exact pattern stay untouched.
    /// </summary>
    private static void DeleteStaleTemporaryFiles(string directory, string name)
    {
        var prefix = $".{name}.";
        foreach (var file in Directory.EnumerateFiles(directory, $".{name}.*.tmp"))
        {
            var fileName = Path.GetFileName(file);
            if (fileName.Length != prefix.Length + 32 + 4
                || !fileName.StartsWith(prefix, StringComparison.Ordinal)
                || !fileName.EndsWith(".tmp", StringComparison.Ordinal)
                || fileName.AsSpan(prefix.Length, 32).ContainsAnyExcept("0123456789abcdef"))
            {
                continue;
            }

            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another process may be writing it right now; the next save tries again.
            }
        }
    }
}
