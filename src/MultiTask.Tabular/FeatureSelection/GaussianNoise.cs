namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// A small, fast, seedable standard-normal generator (SplitMix64 bits, Marsaglia's polar method) for the jitter the
/// mutual-information estimator adds. Each feature gets its own stream (<see cref="ForStream"/>), so results do not
/// depend on the order in which parallel workers process the features.
/// </summary>
internal struct GaussianNoise
{
    private ulong _state;
    private double _spare;
    private bool _hasSpare;

    private GaussianNoise(ulong state)
    {
        _state = state;
        _spare = 0;
        _hasSpare = false;
    }

    /// <summary>The generator of one stream (e.g. a feature index) under a seed.</summary>
    public static GaussianNoise ForStream(int seed, long stream)
        => new(Mix(Mix(unchecked((ulong)seed)) ^ unchecked((ulong)stream * 0xD1B54A32D192ED03UL)));

    /// <summary>A standard normal sample.</summary>
    public double Next()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u;
        double v;
        double s;
        do
        {
            u = (2.0 * Uniform()) - 1.0;
            v = (2.0 * Uniform()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spare = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    private double Uniform() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    private ulong NextBits()
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        return Mix(_state);
    }

    private static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
