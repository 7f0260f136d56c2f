using System.Diagnostics;
using MathNet.Numerics.Statistics;
using MultiTask.Architectures;
using MultiTask.Data;
using MultiTask.Data.Synthetic;
using MultiTask.Models;
using MultiTask.Training;
using TorchSharp;

namespace MultiTask.Benchmarks;

/// <summary>
/// The synthetic experiment of Ma, Zhao, Yi, Chen, Hong and Chi, "Modeling Task Relationships in Multi-task Learning
/// with Multi-gate Mixture-of-Experts", KDD 2018, §3.2 and §5.1: two regression tasks from
/// <see cref="SyntheticTasks.Mmoe"/> with d = 100, 10,000 (<c>--rows N</c>) / 1,000 / 1,000 rows, task correlation p ∈ {0.5, 0.9, 1.0},
/// several seeds (see /work/shared/docs/mtl-methods.md §5.1). It trains MMoE (8 experts × 16 units, towers of 8), OMoE
/// (the same with one gate) and shared-bottom (one hidden layer of 113, the paper's comparable-size baseline, towers of
/// 8) with Adam 1e-3 and early stopping on the validation loss (best weights restored), and prints the test MSE per task
/// and averaged, mean ± sd over seeds, and the paired per-seed differences.
/// </summary>
/// <remarks>
/// <para>Constants (the paper does not publish αᵢ, βᵢ): by default those of <c>drawbridge/keras-mmoe</c>'s
/// <c>synthetic_demo.py</c> (m = 5, c = 0.3, αᵢ, βᵢ ~ N(0, 1) drawn with each data seed, noise std 0.1);
/// <c>--fixed-constants</c>: m = 10, c = 1, αᵢ, βᵢ ~ N(0, 1) drawn once with a constants seed (0, or
/// <c>--constants-seed K</c>) so every data seed samples the same function, noise std 0.1; <c>--google-constants</c>: the
/// Google Research generator's (m = 10, c = 1, αᵢ = i, βᵢ = (i − 1)², noise std 0.01). <c>--scale</c>,
/// <c>--sine-terms</c> and <c>--noise</c> override c, m and the noise of any of them; <c>--first-seed S</c> starts the
/// seeds at S (for disjoint seed sets).</para>
/// <para>Why the default stayed keras-mmoe's although none of them reproduces the paper's full ordering here (measured
/// results in tests/MultiTask.Benchmarks/README.md): keras-mmoe's sine terms are nearly linear at c = 0.3, so every
/// architecture fits both tasks and the differences are seed noise. With <c>--fixed-constants</c> the functions are
/// nonlinear enough that the architectures differ (MMoE has a lower test MSE than shared-bottom at p = 0.5 in 13 of 15
/// seeds over three disjoint seed sets) and drawing αᵢ, βᵢ once removes the variance of redrawing the function with each
/// seed, but the gap to shared-bottom does not shrink as p rises (over 15 seeds it is the same at p = 0.5, 0.9 and 1.0),
/// so the second half of the paper's claim does not hold and this configuration was not made the default. The same models
/// in PyTorch on the same rows (<c>--export DIR</c>, then <c>tests/reference/mmoe_synthetic.py DIR</c>) show no shrinking
/// gap either.</para>
/// </remarks>
internal static class MmoeSyntheticBenchmark
{
    internal const int DefaultMaxEpochs = 100;
    private const int Features = 100;
    internal const int DefaultTrainRows = 10_000;
    private const int ValidationRows = 1_000;
    private const int TestRows = 1_000;
    private const int Experts = 8;
    private const int ExpertUnits = 16;
    private const int TowerUnits = 8;
    private const int SharedBottomUnits = 113;
    internal const int DefaultBatchSize = 128;
    private const int Patience = 10;
    private static readonly double[] Correlations = [0.5, 0.9, 1.0];

    /// <summary><c>--fixed-constants</c>: αᵢ, βᵢ ~ N(0, 1) drawn once with <see cref="DefaultConstantsSeed"/> (the same function for every data seed), m = 10, c = 1, noise std 0.1.</summary>
    private static readonly MmoeSyntheticOptions FixedConstants = new() { SineTerms = 10, Scale = 1.0, SineConstants = MmoeSineConstants.StandardNormal, NoiseStandardDeviation = 0.1 };

    /// <summary>The seed of <c>--fixed-constants</c>' one draw of αᵢ, βᵢ (<c>--constants-seed K</c> overrides it).</summary>
    private const int DefaultConstantsSeed = 0;

    /// <summary>The default: <c>drawbridge/keras-mmoe</c>'s <c>synthetic_demo.py</c> (smooth, nearly linear sine terms drawn with each data seed).</summary>
    private static readonly MmoeSyntheticOptions KerasMmoeConstants = new() { SineTerms = 5, Scale = 0.3, SineConstants = MmoeSineConstants.StandardNormal, NoiseStandardDeviation = 0.1 };

    /// <summary><c>--google-constants</c>: the Google Research generator (the library's defaults).</summary>
    private static readonly MmoeSyntheticOptions GoogleConstants = new();

    private static readonly (string Name, Func<IReadOnlyList<TaskSpec>, int, MultiTaskModel> Create)[] Architectures =
    [
        ("shared-bottom", (tasks, seed) => MultiTaskModel.Create(tasks, Trunks.Mlp(Features, [SharedBottomUnits]), Heads.Mlp([TowerUnits]), seed: seed)),
        ("OMoE", (tasks, seed) => MultiTaskModel.Create(tasks, Trunks.Custom("omoe", InputKind.Features, Features, ExpertUnits, () => new OmoeTrunk(Features, Experts, ExpertUnits)), Heads.Mlp([TowerUnits]), seed: seed)),
        ("MMoE", (tasks, seed) => MultiTaskModel.Create(tasks, new MmoeArchitecture { Expert = Trunks.Mlp(Features, [ExpertUnits]), ExpertCount = Experts, Tower = Heads.Mlp([TowerUnits]) }, seed: seed)),
    ];

    internal static void Run(BenchmarkOptions options)
    {
        int batchSize = options.Batch ?? DefaultBatchSize;
        int trainRows = options.Rows;
        var defaults = options.Preset switch
        {
            MmoePreset.GoogleResearch => GoogleConstants,
            MmoePreset.Fixed => FixedConstants,
            _ => KerasMmoeConstants,
        };
        int? constantsSeed = options.Preset == MmoePreset.Fixed ? options.ConstantsSeed ?? DefaultConstantsSeed : null;
        var constants = new MmoeSyntheticOptions { SineTerms = options.SineTerms ?? defaults.SineTerms, Scale = options.Scale ?? defaults.Scale, SineConstants = defaults.SineConstants, NoiseStandardDeviation = options.Noise ?? defaults.NoiseStandardDeviation, SineConstantsSeed = constantsSeed };
        string source = options.Preset switch
        {
            MmoePreset.GoogleResearch => "the Google Research generator's constants, alpha_i = i, beta_i = (i-1)^2",
            MmoePreset.Fixed => $"alpha_i, beta_i ~ N(0, 1) drawn once with constants seed {constantsSeed} (the same for every data seed)",
            _ => "drawbridge/keras-mmoe synthetic_demo.py's constants, alpha_i, beta_i ~ N(0, 1) drawn with the data seed",
        };
        Report.Line($"MMoE synthetic experiment (Ma et al., KDD 2018, section 3.2; mtl-methods.md 5.1): d = {Features}, m = {constants.SineTerms} sine terms, c = {constants.Scale}, {source}, noise std {constants.NoiseStandardDeviation}.");
        var probe = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 1, FeatureCount = Features, Seed = options.FirstSeed, SineTerms = constants.SineTerms, Scale = constants.Scale, SineConstants = constants.SineConstants, SineConstantsSeed = constants.SineConstantsSeed });
        Report.Line($"alpha = [{string.Join(", ", probe.SineFrequencies.Select(v => v.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}], beta = [{string.Join(", ", probe.SinePhases.Select(v => v.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)))}]{(options.Preset == MmoePreset.KerasMmoe ? " (those of the first data seed; each seed draws its own)" : string.Empty)}.");
        int lastSeed = options.FirstSeed + options.Seeds - 1;
        Report.Line($"Rows: {trainRows:N0} train / {ValidationRows:N0} validation / {TestRows:N0} test per (p, seed); p in {{{string.Join(", ", Correlations)}}}; seeds {options.FirstSeed}..{lastSeed} (data seed s, model seed 100 + s, shuffle seed 200 + s; the same data for every architecture).");
        Report.Line($"Training: Adam lr 1e-3, batch {batchSize}, at most {options.Epochs} epochs, early stopping on the validation loss (sum of the task MSEs) with patience {Patience}, best weights restored; {BenchmarkOptions.Threads} threads.");
        Report.Line($"Runtime: .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {MemoryProbe.LoadAverage()} at the start.");
        Report.Line(string.Empty);

        var clock = Stopwatch.StartNew();
        // results[p][architecture] = one row per seed: (task 1 MSE, task 2 MSE, epochs run).
        var results = Correlations.ToDictionary(p => p, _ => Architectures.ToDictionary(a => a.Name, _ => new List<(double Task1, double Task2, int Epochs)>()));
        var parameterCounts = new Dictionary<string, long>();
        var labelCorrelations = Correlations.ToDictionary(p => p, _ => new List<double>());
        foreach (double p in Correlations)
        {
            for (int seed = options.FirstSeed; seed <= lastSeed; seed++)
            {
                var synthetic = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = trainRows + ValidationRows + TestRows, FeatureCount = Features, Correlation = p, Seed = seed, SineTerms = constants.SineTerms, Scale = constants.Scale, SineConstants = constants.SineConstants, NoiseStandardDeviation = constants.NoiseStandardDeviation, SineConstantsSeed = constants.SineConstantsSeed });
                labelCorrelations[p].Add(Correlation.Pearson(synthetic.Targets[0].Select(v => (double)v), synthetic.Targets[1].Select(v => (double)v)));
                if (options.Export is string folder)
                {
                    Directory.CreateDirectory(folder);
                    MmoeSyntheticExport.WriteData(Path.Combine(folder, MmoeSyntheticExport.DataFile(p, seed)), synthetic);
                }

                using var all = synthetic.ToDataset();
                using var train = all.Subset(Enumerable.Range(0, trainRows).ToArray());
                using var validation = all.Subset(Enumerable.Range(trainRows, ValidationRows).ToArray());
                using var test = all.Subset(Enumerable.Range(trainRows + ValidationRows, TestRows).ToArray());
                foreach (var (name, create) in Architectures)
                {
                    using var model = create(all.Tasks, 100 + seed);
                    parameterCounts[name] = model.ParameterCount;
                    var trainerOptions = new TrainerOptions
                    {
                        Optimizer = OptimizerKind.Adam,
                        LearningRate = 1e-3,
                        Epochs = options.Epochs,
                        BatchSize = batchSize,
                        Seed = 200 + seed,
                        Threads = BenchmarkOptions.Threads,
                        EarlyStoppingPatience = Patience,
                        RestoreBestWeights = true,
                    };
                    using var trainer = new MultiTaskTrainer(model, trainerOptions);
                    var history = trainer.Fit(train, validation);
                    var report = model.Evaluate(test);
                    var row = (report[all.Tasks[0].Name].Loss, report[all.Tasks[1].Name].Loss, history.Epochs.Count);
                    results[p][name].Add(row);
                    Report.Line($"  p = {p:F1} seed {seed} {name,-13}: test MSE {row.Item1:F4} / {row.Item2:F4} (average {(row.Item1 + row.Item2) / 2:F4}), {row.Item3} epochs (best {history.BestEpoch}), {clock.Elapsed.TotalSeconds:F0} s elapsed");
                }
            }
        }

        Report.Line(string.Empty);
        Report.Line($"Parameters: {string.Join(", ", parameterCounts.Select(c => $"{c.Key} {c.Value:N0}"))} (shared-bottom: trunk 100-{SharedBottomUnits} ReLU; OMoE/MMoE: {Experts} experts 100-{ExpertUnits} ReLU, softmax gate(s) 100x{Experts} without bias; towers {{113 or 16}}-{TowerUnits}-1 ReLU).");
        Report.Line(string.Empty);
        Report.Line($"Test MSE, mean +- sd over {options.Seeds} seeds:");
        Report.Line(string.Empty);
        Report.Line("| p | label correlation | architecture | task 1 | task 2 | average | epochs run |");
        Report.Line("|---|---|---|---|---|---|---|");
        foreach (double p in Correlations)
        {
            foreach (var (name, _) in Architectures)
            {
                var rows = results[p][name];
                Report.Line($"| {p:F1} | {labelCorrelations[p].Average():F3} | {name} | {MeanSd(rows.Select(r => r.Task1))} | {MeanSd(rows.Select(r => r.Task2))} | {MeanSd(rows.Select(r => (r.Task1 + r.Task2) / 2))} | {rows.Average(r => r.Epochs):F0} |");
            }
        }

        Report.Line(string.Empty);
        Report.Line("MMoE - shared-bottom, average test MSE (negative: MMoE better); paired = mean +- sd of the per-seed differences:");
        Report.Line(string.Empty);
        Report.Line("| p | MMoE - shared-bottom (of the means) | paired | MMoE better in | OMoE - shared-bottom | MMoE - OMoE (paired) |");
        Report.Line("|---|---|---|---|---|---|");
        foreach (double p in Correlations)
        {
            var mmoe = results[p]["MMoE"].Select(r => (r.Task1 + r.Task2) / 2).ToArray();
            var sharedBottom = results[p]["shared-bottom"].Select(r => (r.Task1 + r.Task2) / 2).ToArray();
            var omoe = results[p]["OMoE"].Select(r => (r.Task1 + r.Task2) / 2).ToArray();
            var differences = mmoe.Zip(sharedBottom, (m, s) => m - s).ToArray();
            Report.Line($"| {p:F1} | {mmoe.Average() - sharedBottom.Average():+0.0000;-0.0000;0.0000} | {MeanSd(differences, signed: true)} | {differences.Count(d => d <= 0)} of {differences.Length} seeds | {omoe.Average() - sharedBottom.Average():+0.0000;-0.0000;0.0000} | {MeanSd(mmoe.Zip(omoe, (m, o) => m - o), signed: true)} |");
        }

        if (options.Export is string exportFolder)
        {
            MmoeSyntheticExport.WriteJson(Path.Combine(exportFolder, "settings.json"), new
            {
                features = Features,
                tasks = 2,
                trainRows,
                validationRows = ValidationRows,
                testRows = TestRows,
                correlations = Correlations,
                seeds = Enumerable.Range(options.FirstSeed, options.Seeds).ToArray(),
                experts = Experts,
                expertUnits = ExpertUnits,
                towerUnits = TowerUnits,
                sharedBottomUnits = SharedBottomUnits,
                batchSize,
                learningRate = 1e-3,
                maxEpochs = options.Epochs,
                patience = Patience,
                threads = BenchmarkOptions.Threads,
                constants = new { sineTerms = constants.SineTerms, scale = constants.Scale, noise = constants.NoiseStandardDeviation, source },
            });
            MmoeSyntheticExport.WriteJson(Path.Combine(exportFolder, "library.json"), Correlations.SelectMany(p => Architectures.SelectMany(a => results[p][a.Name].Select((r, i) => new { p, seed = options.FirstSeed + i, architecture = a.Name, task1 = r.Task1, task2 = r.Task2, epochs = r.Epochs }))).ToArray());
            Report.Line(string.Empty);
            Report.Line($"Exported the data, settings.json and library.json to {exportFolder}: OMP_WAIT_POLICY=PASSIVE OMP_NUM_THREADS={BenchmarkOptions.Threads} /usr/bin/python3 tests/reference/mmoe_synthetic.py {exportFolder}");
        }

        Report.Line(string.Empty);
        Report.Line($"Total {clock.Elapsed.TotalSeconds:F0} s; {MemoryProbe.LoadAverage()} at the end (other processes on this machine).");
    }

    private static string MeanSd(IEnumerable<double> values, bool signed = false)
    {
        var v = values.ToArray();
        double sd = v.Length > 1 ? v.StandardDeviation() : 0;
        string format = signed ? "+0.0000;-0.0000;0.0000" : "F4";
        return $"{v.Average().ToString(format, System.Globalization.CultureInfo.InvariantCulture)} ± {sd.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
