using System.Globalization;

namespace MultiTask.Benchmarks;

/// <summary>The command-line settings of the benchmark; everything else is the fixed standard configuration.</summary>
internal sealed record BenchmarkOptions(int Rows, int Epochs, int Repeats, BenchmarkMode Mode = BenchmarkMode.Throughput, bool PyTorch = false, IReadOnlyList<string>? Methods = null, string Weighting = "ew", bool Full = false, int Seeds = 3, string Architecture = "hard", int? Batch = null, MmoePreset Preset = MmoePreset.KerasMmoe, double? Scale = null, int? SineTerms = null, double? Noise = null, int? ConstantsSeed = null, int FirstSeed = 1, string? Export = null)
{
    internal const int Features = 100;
    internal const int Tasks = 3;
    internal const int BatchSize = 256;
    internal const double LearningRate = 1e-3;
    internal const int Threads = 2;
    internal const int WarmUpRows = 512;
    internal const int DataSeed = 12345;
    internal const int ModelSeed = 7;
    internal const int TrainSeed = 11;
    internal static readonly int[] TrunkSizes = [256, 256];
    internal static readonly int[] HeadSizes = [64];

    /// <summary>The throughput mode's MMoE (<c>--architecture mmoe</c>): this many experts, each Mlp(100, [ExpertSizes]), towers Mlp(HeadSizes).</summary>
    internal const int ExpertCount = 8;
    internal static readonly int[] ExpertSizes = [64];

    internal static string Usage => "Usage: dotnet run -c Release --project tests/MultiTask.Benchmarks [-- [--weightings [--methods A,B,...] | --scaling [--full] | --sklearn | --memory | --mmoe-synthetic [--seeds N] [--first-seed S] [--batch B] [--fixed-constants | --google-constants] [--scale C] [--sine-terms M] [--noise S] [--constants-seed K] [--export DIR] | [--architecture hard|mmoe] [--pytorch [--weighting ew|uw|pcgrad]]] [--rows N] [--epochs E] [--repeats R]]";

    /// <summary>Parses the mode, <c>--weighting</c> (the method of the throughput mode), <c>--full</c> (the scaling mode's full sizes), <c>--methods</c> (a comma-separated subset for the weighting mode), <c>--pytorch</c> (add the PyTorch peer to the throughput mode), <c>--architecture hard|mmoe</c> (the throughput mode's model), <c>--seeds N</c>, <c>--first-seed S</c>, <c>--batch B</c>, <c>--fixed-constants</c> or <c>--google-constants</c>, <c>--scale C</c>, <c>--sine-terms M</c>, <c>--noise S</c>, <c>--constants-seed K</c> and <c>--export DIR</c> (the MMoE synthetic mode's seeds per correlation and the first of them, batch size, one fixed N(0, 1) draw of the constants (m = 10, c = 1) or the Google Research generator's constants instead of keras-mmoe's, and overrides of the scale c, the number m of sine terms, the noise standard deviation and the seed of the fixed α, β draw, and a folder to which the data and the library's results are written for <c>tests/reference/mmoe_synthetic.py</c>), <c>--rows N</c> (the MMoE synthetic mode's training rows, 10,000 by default), <c>--epochs E</c> and <c>--repeats R</c>; returns null (after printing why) on bad input.</summary>
    internal static BenchmarkOptions? Parse(string[] args)
    {
        int? rows = null;
        int? epochs = null;
        int repeats = 3, seeds = 3;
        int? batch = null;
        string architecture = "hard";
        var mode = BenchmarkMode.Throughput;
        bool pytorch = false;
        string[]? methods = null;
        string weighting = "ew";
        bool full = false;
        var preset = MmoePreset.KerasMmoe;
        bool presetGiven = false;
        double? scale = null, noise = null;
        int? sineTerms = null, constantsSeed = null;
        int firstSeed = 1;
        string? export = null;
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] is "-h" or "--help")
            {
                Console.WriteLine(Usage);
                return null;
            }

            if (args[i] == "--pytorch")
            {
                pytorch = true;
                continue;
            }

            if (args[i] == "--weighting" && i + 1 < args.Length)
            {
                weighting = args[++i].ToLowerInvariant();
                if (weighting is not ("ew" or "uw" or "pcgrad"))
                {
                    Console.Error.WriteLine($"--weighting must be ew, uw or pcgrad, not '{weighting}'.");
                    return null;
                }

                continue;
            }

            if (args[i] == "--architecture" && i + 1 < args.Length)
            {
                architecture = args[++i].ToLowerInvariant();
                if (architecture is not ("hard" or "mmoe"))
                {
                    Console.Error.WriteLine($"--architecture must be hard or mmoe, not '{architecture}'.");
                    return null;
                }

                continue;
            }

            if (args[i] == "--scale" && i + 1 < args.Length)
            {
                if (!double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out double c) || !(c > 0) || !double.IsFinite(c))
                {
                    Console.Error.WriteLine($"--scale needs a finite positive number, not '{args[i]}'.");
                    return null;
                }

                scale = c;
                continue;
            }

            if (args[i] == "--noise" && i + 1 < args.Length)
            {
                if (!double.TryParse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture, out double sd) || !(sd >= 0) || !double.IsFinite(sd))
                {
                    Console.Error.WriteLine($"--noise needs a finite number ≥ 0, not '{args[i]}'.");
                    return null;
                }

                noise = sd;
                continue;
            }

            if (args[i] is "--sine-terms" or "--constants-seed" or "--first-seed" && i + 1 < args.Length)
            {
                if (!int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) || n < 0)
                {
                    Console.Error.WriteLine($"{args[i]} needs an integer ≥ 0, not '{args[i + 1]}'.");
                    return null;
                }

                switch (args[i])
                {
                    case "--sine-terms":
                        sineTerms = n;
                        break;
                    case "--constants-seed":
                        constantsSeed = n;
                        break;
                    default:
                        firstSeed = n;
                        break;
                }

                i++;
                continue;
            }

            if (args[i] is "--google-constants" or "--fixed-constants")
            {
                if (presetGiven)
                {
                    Console.Error.WriteLine("--fixed-constants and --google-constants exclude each other.");
                    return null;
                }

                preset = args[i] == "--google-constants" ? MmoePreset.GoogleResearch : MmoePreset.Fixed;
                presetGiven = true;
                continue;
            }

            if (args[i] == "--export" && i + 1 < args.Length)
            {
                export = args[++i];
                continue;
            }

            if (args[i] == "--full")
            {
                full = true;
                continue;
            }

            if (args[i] == "--methods" && i + 1 < args.Length)
            {
                methods = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                continue;
            }

            if (args[i] is "--weightings" or "--sklearn" or "--memory" or "--scaling" or "--mmoe-synthetic")
            {
                mode = args[i] switch
                {
                    "--weightings" => BenchmarkMode.Weightings,
                    "--scaling" => BenchmarkMode.Scaling,
                    "--sklearn" => BenchmarkMode.ScikitLearn,
                    "--mmoe-synthetic" => BenchmarkMode.MmoeSynthetic,
                    _ => BenchmarkMode.Memory,
                };
                continue;
            }

            if (i + 1 >= args.Length || !int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 1)
            {
                Console.Error.WriteLine($"Option '{args[i]}' needs a positive integer value.");
                Console.Error.WriteLine(Usage);
                return null;
            }

            switch (args[i])
            {
                case "--rows":
                    rows = value;
                    break;
                case "--epochs":
                    epochs = value;
                    break;
                case "--repeats":
                    repeats = value;
                    break;
                case "--seeds":
                    seeds = value;
                    break;
                case "--batch":
                    batch = value;
                    break;
                default:
                    Console.Error.WriteLine($"Unknown option '{args[i]}'.");
                    Console.Error.WriteLine(Usage);
                    return null;
            }

            i++;
        }

        if ((presetGiven || scale is not null || noise is not null || sineTerms is not null || constantsSeed is not null || firstSeed != 1 || export is not null) && mode != BenchmarkMode.MmoeSynthetic)
        {
            Console.Error.WriteLine("--fixed-constants, --google-constants, --scale, --sine-terms, --noise, --constants-seed, --first-seed and --export are options of the --mmoe-synthetic mode only.");
            return null;
        }

        if (constantsSeed is not null && preset != MmoePreset.Fixed)
        {
            Console.Error.WriteLine("--constants-seed is an option of --fixed-constants (keras-mmoe's constants are drawn with each data seed; the Google Research constants are not drawn).");
            return null;
        }

        if (architecture != "hard" && (mode != BenchmarkMode.Throughput || weighting != "ew"))
        {
            Console.Error.WriteLine("--architecture mmoe is an option of the throughput mode with equal weighting only.");
            return null;
        }

        // The memory mode measures a million-row dataset unless told otherwise; the other modes default to 100,000 rows.
        // The MMoE synthetic mode's epochs are a maximum (early stopping ends most runs sooner); the others default to 2.
        return new BenchmarkOptions(rows ?? mode switch { BenchmarkMode.Memory => 1_000_000, BenchmarkMode.MmoeSynthetic => MmoeSyntheticBenchmark.DefaultTrainRows, _ => 100_000 }, epochs ?? (mode == BenchmarkMode.MmoeSynthetic ? MmoeSyntheticBenchmark.DefaultMaxEpochs : 2), repeats, mode, pytorch, methods, weighting, full, seeds, architecture, batch, preset, scale, sineTerms, noise, constantsSeed, firstSeed, export);
    }
}
