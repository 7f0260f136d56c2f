namespace MultiTask;

/// <summary>
/// Derives independent, reproducible seeds from the user's seed and a counter (epoch or step) with SplitMix64, so that
/// every epoch and step has its own random stream that can be recreated when training resumes from a checkpoint.
/// </summary>
public static class SeedMix
{
    /// <summary>A non-negative seed derived from <paramref name="seed"/>, a counter and a stream number (SplitMix64 finaliser).</summary>
    /// <param name="seed">The user's seed.</param>
    /// <param name="counter">For example the epoch, step or feature index.</param>
    /// <param name="stream">Separates independent uses of the same counter.</param>
    public static int Of(int seed, long counter, int stream)
    {
        unchecked
        {
            ulong z = ((ulong)(uint)seed << 32) ^ (ulong)counter ^ ((ulong)stream * 0xD6E8FEB86659FD93UL);
            z += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (int)(z & 0x7FFFFFFF);
        }
    }
}
