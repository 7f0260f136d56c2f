using System.Globalization;
using MultiTask.Benchmarks;
using TorchSharp;

bool libraryAlone = args.Length > 0 && args[0] == LibraryAlone.Flag;
var options = BenchmarkOptions.Parse(libraryAlone ? args[1..] : args);
if (options is null)
{
    return args.Contains("--help") || args.Contains("-h") ? 0 : 2;
}

if (libraryAlone)
{
    return LibraryAlone.Child(options);
}

if (options.Mode == BenchmarkMode.Weightings)
{
    torch.set_num_threads(BenchmarkOptions.Threads);
    WeightingBenchmark.Run(options);
    return 0;
}

if (options.Mode == BenchmarkMode.Scaling)
{
    torch.set_num_threads(BenchmarkOptions.Threads);
    ScalingBenchmark.Run(options);
    return 0;
}

if (options.Mode == BenchmarkMode.MmoeSynthetic)
{
    torch.set_num_threads(BenchmarkOptions.Threads);
    MmoeSyntheticBenchmark.Run(options);
    return 0;
}

if (options.Mode == BenchmarkMode.Memory)
{
    MemoryBenchmark.Run(options);
    return 0;
}

if (options.Mode == BenchmarkMode.ScikitLearn)
{
    return ScikitLearnBenchmark.Run(options);
}

Report.Header(options);
long rssStart = MemoryProbe.CurrentBytes();
torch.set_num_threads(BenchmarkOptions.Threads);
var data = SyntheticData.Create(options.Rows, BenchmarkOptions.Features, BenchmarkOptions.DataSeed);
using var libraryData = LibraryRun.Load(data);
using var hand = new HandRun(data, options.Architecture);
using var peer = options.PyTorch ? PytorchPeer.Create(data, options.Epochs, options.Architecture) : null;
Report.InitialWeights(libraryData, options.Architecture);

// The hand-written loop is equal weighting only; with --weighting uw|pcgrad the library is compared with PyTorch alone.
bool withHand = options.Weighting == "ew";
Func<MultiTask.Weighting.WeightingMethod?> weighting = options.Weighting switch
{
    "uw" => () => MultiTask.Weighting.Weightings.Uncertainty(),
    "pcgrad" => () => MultiTask.Weighting.Weightings.PCGrad(),
    _ => () => null,
};
var warmUp = data.Head(Math.Min(BenchmarkOptions.WarmUpRows, options.Rows));
using (var warmLibraryData = LibraryRun.Load(warmUp))
using (var warmHand = new HandRun(warmUp, options.Architecture))
{
    LibraryRun.Run(warmLibraryData, epochs: 1, weighting(), architecture: options.Architecture);
    warmHand.Run(epochs: 1);
}

data = null;
GC.Collect();
long rssBefore = MemoryProbe.CurrentBytes();
Report.Line($"threads: torch.get_num_threads() = {torch.get_num_threads()}, interop = {torch.get_num_interop_threads()}; {MemoryProbe.LoadAverage()}");
Report.Line($"OMP_WAIT_POLICY of this process: {Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "unset (libgomp spins between parallel regions)"}{(options.PyTorch ? "; the PyTorch processes run with OMP_WAIT_POLICY=PASSIVE, OMP_NUM_THREADS=2" : string.Empty)}");
Report.Line($"RSS at start {MemoryProbe.Format(rssStart)}; after data + warm-up (before timed runs) {MemoryProbe.Format(rssBefore)}");
Report.Line(string.Empty);

var libraryRuns = new List<RunResult>();
var handRuns = new List<RunResult>();
var peerRuns = new Dictionary<bool, List<PeerResult>> { [true] = [], [false] = [] };
for (int r = 1; r <= options.Repeats; r++)
{
    // The PyTorch peer (fresh process per run): foreach Adam first in odd repetitions, default Adam first in even ones.
    for (int k = 0; peer is not null && k < 2; k++)
    {
        bool foreachAdam = (k == 0) == (r % 2 == 1);
        if (peer.Run(foreachAdam, options.Weighting) is { } result)
        {
            peerRuns[foreachAdam].Add(result);
            Report.Run(foreachAdam ? "pt-fe  " : "pt-def ", r, result.Run);
        }
    }

    // Odd repetitions run the library first, even ones the hand loop first, so neither always gets the same slot.
    bool libraryFirst = r % 2 == 1;
    for (int k = 0; k < 2; k++)
    {
        if ((k == 0) == libraryFirst)
        {
            var library = LibraryRun.Run(libraryData, options.Epochs, weighting(), architecture: options.Architecture);
            libraryRuns.Add(library);
            Report.Run("library", r, library);
        }
        else if (withHand)
        {
            var handRun = hand.Run(options.Epochs);
            handRuns.Add(handRun);
            Report.Run("hand   ", r, handRun);
        }
    }
}

Report.Line($"{MemoryProbe.LoadAverage()} (other processes on this machine skew the timings)");
long rssAfter = MemoryProbe.CurrentBytes();
long rssPeak = MemoryProbe.PeakBytes();
Report.Summary(libraryRuns, handRuns, rssBefore, rssAfter, rssPeak);
Report.PeerSummary(libraryRuns, peerRuns[true], peerRuns[false]);
if (peer is not null && options.Weighting == "ew" && LibraryAlone.PeakBytes(args) is long alone)
{
    // The python processes hold one model and one copy of the data; so does this child, unlike this process.
    var pythonPeak = peerRuns[true].Concat(peerRuns[false]).Select(r => r.PeakRssBytes).DefaultIfEmpty(0).Max();
    Report.Line($"peak RSS of a process running only the library (same data, warm-up and one Fit): {MemoryProbe.Format(alone)}; PyTorch's process: {MemoryProbe.Format(pythonPeak)}; ratio library/PyTorch {(pythonPeak > 0 ? (alone / (double)pythonPeak).ToString("F2", CultureInfo.InvariantCulture) : "n/a")}");
}

return 0;

namespace MultiTask.Benchmarks
{
    /// <summary>Console output of the benchmark.</summary>
    internal static class Report
    {
        internal const double TargetRatio = 0.90;

        internal static void Line(FormattableString text) => Console.WriteLine(text.ToString(CultureInfo.InvariantCulture));

        internal static void Line(string text) => Console.WriteLine(text);

        internal static void Header(BenchmarkOptions options)
        {
            Line($"MultiTask training-throughput benchmark: MultiTaskTrainer.Fit vs a hand-written TorchSharp loop{(options.PyTorch ? " and a PyTorch peer (tests/reference/pytorch_peer.py)" : string.Empty)}, same model, same data.");
            Line(options.Architecture == "mmoe"
                ? $"Model: MMoE (Ma et al., KDD 2018), {BenchmarkOptions.ExpertCount} experts MLP {BenchmarkOptions.Features}-{string.Join('-', BenchmarkOptions.ExpertSizes)} ReLU, one softmax gate Linear({BenchmarkOptions.Features}, {BenchmarkOptions.ExpertCount}, no bias) per task; {BenchmarkOptions.Tasks} regression towers {BenchmarkOptions.ExpertSizes[^1]}-{string.Join('-', BenchmarkOptions.HeadSizes)}-1 ReLU; MSE per task, summed."
                : $"Model: trunk MLP {BenchmarkOptions.Features}-{string.Join('-', BenchmarkOptions.TrunkSizes)} ReLU; {BenchmarkOptions.Tasks} regression heads {string.Join('-', BenchmarkOptions.TrunkSizes[^1..])}-{string.Join('-', BenchmarkOptions.HeadSizes)}-1 ReLU; MSE per task, summed.");
            Line($"Data: {options.Rows:N0} rows x {BenchmarkOptions.Features} N(0,1) features (seed {BenchmarkOptions.DataSeed}); training: batch {BenchmarkOptions.BatchSize}, Adam lr {BenchmarkOptions.LearningRate}, {options.Epochs} epoch(s), shuffled, {BenchmarkOptions.Threads} threads.");
            Line($"Weighting method: {options.Weighting}{(options.Weighting == "ew" ? " (equal weighting)" : " (no hand-written loop for it: library vs PyTorch only)")}.");
            Line($"Runs: warm-up on {BenchmarkOptions.WarmUpRows} rows, then {options.Repeats} alternating repetitions ({(options.PyTorch ? "PyTorch foreach, default | default, foreach | ...; then " : string.Empty)}library, hand | hand, library | ...); median samples/s reported.");
            if (options.Weighting == "ew")
            {
                Line($"Target: library within 10% of the hand-written loop, i.e. throughput ratio library/hand >= {TargetRatio:F2}.");
            }

            Line($"Runtime: .NET {Environment.Version}, {Environment.ProcessorCount} logical CPUs, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
            Line(string.Empty);
        }

        /// <summary>Prints whether the library's model and the hand-written network start from the same parameters (same count, order and values).</summary>
        internal static void InitialWeights(MultiTask.Data.MultiTaskDataset data, string architecture)
        {
            float[] hand = HandRun.InitialParameters(architecture);
            float[] library;
            using (var model = LibraryRun.CreateModel(data.Tasks, BenchmarkOptions.TrunkSizes, architecture))
            {
                library = model.Network.parameters().SelectMany(p => p.detach().data<float>().ToArray()).ToArray();
            }

            bool same = hand.AsSpan().SequenceEqual(library);
            Line($"Initial weights: library {library.Length:N0} parameters, hand {hand.Length:N0}; identical in order and value: {(same ? "yes" : "NO")}.");
        }

        internal static void Run(string name, int repetition, RunResult result)
            => Line($"  rep {repetition} {name}: {result.Seconds,7:F2} s  {result.SamplesPerSecond,9:N0} samples/s  CPU {result.CpuSeconds,6:F2} s  last-epoch train MSE [{string.Join(", ", result.LastEpochLosses.Select(l => l.ToString("F4", CultureInfo.InvariantCulture)))}]{(result.ParameterHash.Length > 0 ? $"  parameters {result.ParameterHash}" : string.Empty)}");

        internal static void Summary(List<RunResult> library, List<RunResult> hand, long rssBefore, long rssAfter, long rssPeak)
        {
            if (hand.Count == 0)
            {
                Line(string.Empty);
                Line($"library (MultiTaskTrainer.Fit): median {Median(library.Select(r => r.SamplesPerSecond)),9:N0} samples/s  (min {library.Min(r => r.SamplesPerSecond):N0}, max {library.Max(r => r.SamplesPerSecond):N0})");
                Line($"RSS before timed runs {MemoryProbe.Format(rssBefore)}, after {MemoryProbe.Format(rssAfter)}; peak RSS of the process (VmHWM) {MemoryProbe.Format(rssPeak)}");
                return;
            }

            double librarySpeed = Median(library.Select(r => r.SamplesPerSecond));
            double handSpeed = Median(hand.Select(r => r.SamplesPerSecond));
            double ratio = librarySpeed / handSpeed;
            double pairedRatio = Median(library.Zip(hand, (l, h) => l.SamplesPerSecond / h.SamplesPerSecond));
            Line(string.Empty);
            Line($"library (MultiTaskTrainer.Fit): median {librarySpeed,9:N0} samples/s  (min {library.Min(r => r.SamplesPerSecond):N0}, max {library.Max(r => r.SamplesPerSecond):N0})");
            Line($"hand-written TorchSharp loop:   median {handSpeed,9:N0} samples/s  (min {hand.Min(r => r.SamplesPerSecond):N0}, max {hand.Max(r => r.SamplesPerSecond):N0})");
            Line($"throughput ratio library/hand (of the medians): {ratio:F3}  -> {(ratio >= TargetRatio ? "meets" : "MISSES")} the target (>= {TargetRatio:F2})");
            Line($"median of the per-repetition ratios (library / hand within each repetition): {pairedRatio:F3}");
            Line($"CPU-time ratio hand/library (median of the per-repetition ratios; above 1: the library needs less CPU per sample): {Median(library.Zip(hand, (l, h) => h.CpuSeconds / l.CpuSeconds)):F3}");
            Line($"best-of-{library.Count} ratio (fastest library run / fastest hand run; contention only adds time): {library.Max(r => r.SamplesPerSecond) / hand.Max(r => r.SamplesPerSecond):F3}");
            Line($"median of the per-repetition process CPU-time ratios hand / library (user + system; > 1: the library needs less CPU): {Median(library.Zip(hand, (l, h) => h.CpuSeconds / l.CpuSeconds)):F3}");
            Line($"RSS before timed runs {MemoryProbe.Format(rssBefore)}, after {MemoryProbe.Format(rssAfter)}; peak RSS of the process (VmHWM) {MemoryProbe.Format(rssPeak)}");
        }

        internal static void PeerSummary(List<RunResult> library, List<PeerResult> foreachRuns, List<PeerResult> defaultRuns)
        {
            if (foreachRuns.Count == 0 && defaultRuns.Count == 0)
            {
                return;
            }

            double librarySpeed = Median(library.Select(r => r.SamplesPerSecond));
            foreach (var (name, runs) in new[] { ("PyTorch, Adam(foreach=True)", foreachRuns), ("PyTorch, Adam() default", defaultRuns) })
            {
                if (runs.Count == 0)
                {
                    continue;
                }

                double speed = Median(runs.Select(r => r.Run.SamplesPerSecond));
                Line($"{name + ":",-31} median {speed,9:N0} samples/s  (min {runs.Min(r => r.Run.SamplesPerSecond):N0}, max {runs.Max(r => r.Run.SamplesPerSecond):N0}); ratio library/this {librarySpeed / speed:F3}; peak RSS of the python process {MemoryProbe.Format(runs.Max(r => r.PeakRssBytes))} (max over runs); torch {runs[0].TorchVersion}");
            }

            string blas = foreachRuns.Concat(defaultRuns).First().Blas;
            Line($"BLAS of the python process: {blas}");
            if (blas.Contains("/blas/libblas.so", StringComparison.Ordinal))
            {
                Line($"  (the reference BLAS: PyTorch is far slower than it can be; set {PytorchPeer.BlasDirectoryVariable} to a folder with an optimised libblas.so.3, see README)");
            }
        }

        private static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            int mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }
}
