namespace MultiTask.Benchmarks;

/// <summary>The sine constants of the MMoE synthetic mode (<see cref="MmoeSyntheticBenchmark"/>).</summary>
internal enum MmoePreset
{
    /// <summary>The default: <c>drawbridge/keras-mmoe</c>'s <c>synthetic_demo.py</c> (αᵢ, βᵢ drawn with each data seed).</summary>
    KerasMmoe,

    /// <summary><c>--fixed-constants</c>: αᵢ, βᵢ ~ N(0, 1) drawn once from a constants seed (the same function for every data seed), m = 10, c = 1.</summary>
    Fixed,

    /// <summary><c>--google-constants</c>: the Google Research generator (αᵢ = i, βᵢ = (i − 1)²).</summary>
    GoogleResearch,
}
