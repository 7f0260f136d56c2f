using System.Globalization;

namespace MultiTask.Benchmarks;

/// <summary>The command-line settings of the benchmark; everything else is the fixed standard configuration.</summary>
internal sealed record BenchmarkOptions(int Rows, int Epochs, int Repeats, BenchmarkMode Mode = BenchmarkMode.Throughput, bool PyTorch = false, IReadOnlyList<string>? Methods = null, string Weighting = "ew", bool Full = false, int Seeds = 3, string Architecture = "hard", int? Batch = null, bool GoogleConstants = false, double? Scale = null)
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

    internal static string Usage => "Usage: dotnet run -c Release --project tests/MultiTask.Benchmarks [-- [--weightings [--methods A,B,...] | --scaling [--full] | --sklearn | --memory | --mmoe-synthetic [--seeds N] [--batch B] [--google-constants] [--scale C] | [--architecture hard|mmoe] [--pytorch [--weighting ew|uw|pcgrad]]] [--rows N] [--epochs E] [--repeats R]]";

    /// <summary>Parses the mode, <c>--weighting</c> (the method of the throughput mode), <c>--full</c> (the scaling mode's full sizes), <c>--methods</c> (a comma-separated subset for the weighting mode), <c>--pytorch</c> (add the PyTorch peer to the throughput mode), <c>--architecture hard|mmoe</c> (the throughput mode's model), <c>--seeds N</c>, <c>--batch B</c> and <c>--google-constants</c> and <c>--scale C</c> (the MMoE synthetic mode's seeds per correlation, batch size, the Google Research generator's constants instead of keras-mmoe's, and the scale c of the weight vectors), <c>--rows N</c>, <c>--epochs E</c> and <c>--repeats R</c>; returns null (after printing why) on bad input.</summary>
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
        bool googleConstants = false;
        double? scale = null;
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

            if (args[i] == "--google-constants")
            {
                googleConstants = true;
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

        if ((googleConstants || scale is not null) && mode != BenchmarkMode.MmoeSynthetic)
        {
            Console.Error.WriteLine("--google-constants and --scale are options of the --mmoe-synthetic mode only.");
            return null;
        }

        if (architecture != "hard" && (mode != BenchmarkMode.Throughput || weighting != "ew"))
        {
            Console.Error.WriteLine("--architecture mmoe is an option of the throughput mode with equal weighting only.");
            return null;
        }

        // The memory mode measures a million-row dataset unless told otherwise; the other modes default to 100,000 rows.
        // The MMoE synthetic mode's epochs are a maximum (early stopping ends most runs sooner); the others default to 2.
        return new BenchmarkOptions(rows ?? (mode == BenchmarkMode.Memory ? 1_000_000 : 100_000), epochs ?? (mode == BenchmarkMode.MmoeSynthetic ? MmoeSyntheticBenchmark.DefaultMaxEpochs : 2), repeats, mode, pytorch, methods, weighting, full, seeds, architecture, batch, googleConstants, scale);
    }
}
