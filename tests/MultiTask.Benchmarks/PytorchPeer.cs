using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Benchmarks;

/// <summary>
/// The PyTorch side of the <c>--pytorch</c> mode: writes the data, the hand-written network's initial weights and the
/// hand loop's per-epoch row order to a temporary folder (raw little-endian float32/int64) and runs
/// tests/reference/pytorch_peer.py on it with Debian's python3-torch, one fresh process per run.
/// </summary>
/// <remarks>
/// Debian's python3-torch calls the system <c>libblas.so.3</c>, which is the slow reference BLAS unless an optimised
/// one is installed; <see cref="BlasDirectoryVariable"/> names a folder holding another <c>libblas.so.3</c> (for
/// example an unpacked libopenblas0-pthread) that becomes the child's <c>LD_LIBRARY_PATH</c>, leaving this process alone.
/// </remarks>
internal sealed class PytorchPeer : IDisposable
{
    internal const string Python = "/usr/bin/python3";
    internal const string BlasDirectoryVariable = "MULTITASK_PEER_BLAS_DIR";

    private readonly string _folder;
    private readonly string _script;

    private PytorchPeer(string folder, string script)
    {
        _folder = folder;
        _script = script;
    }

    /// <summary>Null (after printing why) where /usr/bin/python3 cannot import torch.</summary>
    internal static PytorchPeer? Create(SyntheticData data, int epochs, string architecture = "hard")
    {
        if (!TorchImports())
        {
            Report.Line($"PyTorch side skipped: {Python} cannot import torch (apt-get install python3-torch)");
            return null;
        }

        var folder = Path.Combine(Path.GetTempPath(), $"multitask-pytorch-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        Write(folder, data, epochs, architecture);
        return new PytorchPeer(folder, Path.Combine(RepositoryRoot(), "tests", "reference", "pytorch_peer.py"));
    }

    /// <summary>Runs the script with <c>--foreach</c> or <c>--default</c> Adam and a weighting method (ew, uw, pcgrad); null (after printing why) on failure.</summary>
    internal PeerResult? Run(bool foreachAdam, string method = "ew")
    {
        var start = new ProcessStartInfo(Python, [_script, _folder, foreachAdam ? "--foreach" : "--default", method])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["OMP_WAIT_POLICY"] = "PASSIVE";
        start.Environment["OMP_NUM_THREADS"] = BenchmarkOptions.Threads.ToString(CultureInfo.InvariantCulture);
        start.Environment["OPENBLAS_NUM_THREADS"] = BenchmarkOptions.Threads.ToString(CultureInfo.InvariantCulture);
        if (Environment.GetEnvironmentVariable(BlasDirectoryVariable) is { Length: > 0 } blas)
        {
            start.Environment["LD_LIBRARY_PATH"] = blas;
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            Report.Line($"pytorch_peer.py failed ({process.ExitCode}): {error.Result}");
            return null;
        }

        using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        var root = json.RootElement;
        double seconds = root.GetProperty("seconds").GetDouble();
        var losses = root.GetProperty("last_epoch_losses").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        long samples = (long)Math.Round(root.GetProperty("samples_per_second").GetDouble() * seconds);
        return new PeerResult(new RunResult(seconds, samples, losses), root.GetProperty("peak_rss_bytes").GetInt64(), root.GetProperty("torch").GetString() ?? "?", root.GetProperty("blas").GetString() ?? "?");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static bool TorchImports()
    {
        if (!File.Exists(Python))
        {
            return false;
        }

        var start = new ProcessStartInfo(Python, ["-c", "import torch"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    private static void Write(string folder, SyntheticData data, int epochs, string architecture)
    {
        WriteFloats(Path.Combine(folder, "X.f32"), data.FlatFeatures());
        WriteFloats(Path.Combine(folder, "Y.f32"), data.FlatTargets());

        // The same initial weights as the hand-written loop (and the library): HandNetwork built after manual_seed.
        torch.manual_seed(BenchmarkOptions.ModelSeed);
        var shapes = new List<long[]>();
        using (var network = HandRun.CreateNetwork(architecture))
        using (var writer = new BinaryWriter(File.Create(Path.Combine(folder, "weights.f32"))))
        {
            foreach (var parameter in network.parameters())
            {
                shapes.Add(parameter.shape);
                foreach (float v in parameter.detach().data<float>().ToArray())
                {
                    writer.Write(v);
                }
            }
        }

        // The hand loop's batch order: a Generator seeded with TrainSeed, one randperm per epoch.
        using (var generator = new torch.Generator((ulong)BenchmarkOptions.TrainSeed))
        using (var writer = new BinaryWriter(File.Create(Path.Combine(folder, "perm.i64"))))
        {
            for (int epoch = 0; epoch < epochs; epoch++)
            {
                using var order = torch.randperm(data.Rows, generator: generator);
                foreach (long v in order.data<long>().ToArray())
                {
                    writer.Write(v);
                }
            }
        }

        var meta = new Dictionary<string, object>
        {
            ["rows"] = data.Rows,
            ["features"] = BenchmarkOptions.Features,
            ["tasks"] = BenchmarkOptions.Tasks,
            ["epochs"] = epochs,
            ["batch"] = BenchmarkOptions.BatchSize,
            ["lr"] = BenchmarkOptions.LearningRate,
            ["threads"] = BenchmarkOptions.Threads,
            ["warm_up_rows"] = Math.Min(BenchmarkOptions.WarmUpRows, data.Rows),
            ["trunk"] = BenchmarkOptions.TrunkSizes,
            ["head"] = BenchmarkOptions.HeadSizes[0],
            ["architecture"] = architecture,
            ["experts"] = BenchmarkOptions.ExpertCount,
            ["expert_sizes"] = BenchmarkOptions.ExpertSizes,
            ["shapes"] = shapes,
        };
        File.WriteAllText(Path.Combine(folder, "meta.json"), JsonSerializer.Serialize(meta));
    }

    private static void WriteFloats(string path, float[] values)
    {
        using var writer = new BinaryWriter(File.Create(path));
        foreach (float v in values)
        {
            writer.Write(v);
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MultiTask.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? Directory.GetCurrentDirectory();
    }
}
