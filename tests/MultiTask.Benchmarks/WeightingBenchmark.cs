using System.Globalization;
using MultiTask.Models;
using MultiTask.Training;
using MultiTask.Weighting;

namespace MultiTask.Benchmarks;

/// <summary>
/// Step time of each weighting method relative to equal weighting on the standard configuration (T = 3), in one run.
/// Equal weighting is re-measured between methods so that drifting load affects both sides of each ratio alike.
/// </summary>
internal static class WeightingBenchmark
{
    private static readonly (string Name, Func<WeightingMethod> Create, GradientSource Source, string Kind)[] Methods =
    [
        ("UW", () => Weightings.Uncertainty(), GradientSource.SharedParameters, "loss"),
        ("DWA", () => Weightings.DynamicWeightAverage(), GradientSource.SharedParameters, "loss"),
        ("GLS", () => Weightings.GeometricLoss(), GradientSource.SharedParameters, "loss"),
        ("RLW", () => Weightings.RandomLoss(), GradientSource.SharedParameters, "loss"),
        ("SI", () => Weightings.ScaleInvariant(), GradientSource.SharedParameters, "loss"),
        ("STCH", () => Weightings.SmoothTchebycheff(), GradientSource.SharedParameters, "loss"),
        ("IMTL-L", () => Weightings.ImtlL(), GradientSource.SharedParameters, "loss"),
        ("FAMO", () => Weightings.Famo(), GradientSource.SharedParameters, "loss (+1 forward)"),
        ("GradNorm", () => Weightings.GradNorm(), GradientSource.SharedParameters, "gradient"),
        ("MGDA", () => Weightings.Mgda(), GradientSource.SharedParameters, "gradient"),
        ("PCGrad", () => Weightings.PCGrad(), GradientSource.SharedParameters, "gradient"),
        ("GradVac", () => Weightings.GradVac(), GradientSource.SharedParameters, "gradient"),
        ("IMTL-G", () => Weightings.ImtlG(), GradientSource.SharedParameters, "gradient"),
        ("CAGrad", () => Weightings.CAGrad(), GradientSource.SharedParameters, "gradient"),
        ("Nash-MTL", () => Weightings.NashMtl(), GradientSource.SharedParameters, "gradient"),
        ("Aligned-MTL", () => Weightings.AlignedMtl(), GradientSource.SharedParameters, "gradient"),
        ("UPGrad", () => Weightings.UpGrad(), GradientSource.SharedParameters, "gradient"),
        ("DualProj", () => Weightings.DualProj(), GradientSource.SharedParameters, "gradient"),
        ("ConFIG", () => Weightings.ConFig(), GradientSource.SharedParameters, "gradient"),
        ("FairGrad", () => Weightings.FairGrad(), GradientSource.SharedParameters, "gradient"),
        ("MoCo", () => Weightings.MoCo(), GradientSource.SharedParameters, "gradient (J state)"),
        ("DB-MTL", () => Weightings.DbMtl(), GradientSource.SharedParameters, "gradient (J state)"),
        ("ExcessMTL", () => Weightings.ExcessMtl(), GradientSource.SharedParameters, "gradient (J state)"),
        ("MGDA-UB", () => Weightings.Mgda(MgdaNormalization.L2), GradientSource.Representation, "representation"),
        ("GradDrop", () => Weightings.GradDrop(), GradientSource.Representation, "representation"),
    ];

    internal static void Run(BenchmarkOptions options)
    {
        var data = SyntheticData.Create(options.Rows, BenchmarkOptions.Features, BenchmarkOptions.DataSeed);
        using var dataset = LibraryRun.Load(data);
        Line($"Weighting step time relative to equal weighting: standard configuration, {options.Rows:N0} rows ({Math.Ceiling(options.Rows / (double)BenchmarkOptions.BatchSize):N0} steps of {BenchmarkOptions.BatchSize}) x {options.Epochs} epoch(s), T = {BenchmarkOptions.Tasks}, {BenchmarkOptions.Threads} threads; median of {options.Repeats}.");
        Line("Targets: PCGrad and MGDA <= 1.8x equal weighting, other full-parameter gradient methods <= 2.2x; MGDA-UB (representation gradients) <= 1.2x.");
        Line($"EW's equal-weighting runs alternate with each method's (EW first in odd repetitions), after one untimed warm-up run of each; the weights hash of the first run checks bit-identity across code versions.");
        Line($"{MemoryProbe.LoadAverage()}");
        LibraryRun.Run(dataset, epochs: 1); // warm-up
        long parameterBytes = ParameterBytes();
        Line($"Peak RSS columns: VmHWM during Fit above the RSS at its start (max over repetitions); budget for a gradient method: EW's + T x parameter bytes = EW's + {BenchmarkOptions.Tasks} x {parameterBytes / 1024.0:F0} KiB.");
        Line(string.Empty);
        Line($"| method | kind | ms/step | EW ms/step | × EW (median of paired) | × EW (best / best) | × EW (CPU time, median) | target | peak RSS + (EW) | peak RSS + (method) | parameters SHA-256 (first run) |");
        Line($"|---|---|---|---|---|---|---|---|---|---|---|");
        double steps = Math.Ceiling(options.Rows / (double)BenchmarkOptions.BatchSize) * options.Epochs;
        var selected = options.Methods is null ? Methods : Methods.Where(m => options.Methods.Contains(m.Name, StringComparer.OrdinalIgnoreCase)).ToArray();
        if (selected.Length == 0)
        {
            Line($"No method matches --methods {string.Join(',', options.Methods!)}; known: {string.Join(", ", Methods.Select(m => m.Name))}.");
            return;
        }

        foreach (var (name, create, source, kind) in selected)
        {
            // Warm-up of the method's own code path (JIT tiers, first-step buffers), as EW had above; not timed.
            LibraryRun.Run(dataset, epochs: 1, create(), source);
            var ratios = new List<double>();
            var times = new List<double>();
            var equalTimes = new List<double>();
            var cpuRatios = new List<double>();
            long equalPeak = 0, methodPeak = 0;
            string hash = string.Empty;
            for (int r = 0; r < options.Repeats; r++)
            {
                // Alternate which variant runs first, so neither always gets the same slot.
                RunResult equal, method;
                if (r % 2 == 0)
                {
                    equal = LibraryRun.Run(dataset, options.Epochs, measurePeak: true);
                    method = LibraryRun.Run(dataset, options.Epochs, create(), source, measurePeak: true);
                }
                else
                {
                    method = LibraryRun.Run(dataset, options.Epochs, create(), source, measurePeak: true);
                    equal = LibraryRun.Run(dataset, options.Epochs, measurePeak: true);
                }

                ratios.Add(method.Seconds / equal.Seconds);
                times.Add(method.Seconds / steps * 1000);
                equalTimes.Add(equal.Seconds / steps * 1000);
                cpuRatios.Add(method.CpuSeconds / equal.CpuSeconds);
                equalPeak = Math.Max(equalPeak, equal.PeakRssGrowthBytes);
                methodPeak = Math.Max(methodPeak, method.PeakRssGrowthBytes);
                hash = hash.Length == 0 ? method.ParameterHash : hash;
            }

            double ratio = Median(ratios);
            string target = kind switch
            {
                "representation" when name == "MGDA-UB" => ratio <= 1.2 ? "≤ 1.2 ✓" : "≤ 1.2 ✗",
                "gradient" when name is "PCGrad" or "MGDA" => ratio <= 1.8 ? "≤ 1.8 ✓" : "≤ 1.8 ✗",
                "gradient" or "gradient (J state)" => ratio <= 2.2 ? "≤ 2.2 ✓" : "≤ 2.2 ✗",
                _ => string.Empty,
            };
            Line($"| {name} | {kind} | {Median(times):F2} | {Median(equalTimes):F2} | {ratio:F2} | {times.Min() / equalTimes.Min():F2} | {Median(cpuRatios):F2} | {target} | {MemoryProbe.Format(equalPeak)} | {MemoryProbe.Format(methodPeak)} | {hash} |");
        }

        Line(string.Empty);
        Line($"{MemoryProbe.LoadAverage()} (other processes on this machine skew the timings)");
    }

    /// <summary>Bytes of all parameters of the standard model (float32).</summary>
    private static long ParameterBytes()
    {
        using var model = MultiTaskModel.Create(
            LibraryRun.Tasks,
            Trunks.Mlp(BenchmarkOptions.Features, BenchmarkOptions.TrunkSizes),
            Heads.Mlp(BenchmarkOptions.HeadSizes),
            seed: BenchmarkOptions.ModelSeed);
        return model.Network.parameters().Sum(p => p.numel()) * sizeof(float);
    }

    private static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));

    private static void Line(string text) => Console.WriteLine(text);

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
