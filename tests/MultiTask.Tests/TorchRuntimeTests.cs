using System.Text;

namespace MultiTask.Tests;

public sealed class TorchRuntimeTests
{
    private const string LibStdCxx = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";

    [Fact]
    public void HighestGlibcxxPatch_FindsTheLargestVersionString()
    {
        var bytes = Encoding.ASCII.GetBytes("\0GLIBCXX_3.4.9\0GLIBCXX_3.4.30\0GLIBCXX_3.4.29\0CXXABI_1.3\0");
        TorchRuntime.HighestGlibcxxPatch(bytes).Should().Be(30);
        TorchRuntime.HighestGlibcxxPatch(Encoding.ASCII.GetBytes("nothing here")).Should().BeNull();
    }

    [Fact]
    public void Advice_NoLibTorch_FirstLineNamesTheBackendPackage()
    {
        var facts = Facts(libTorchFound: false, glibcxxPatch: 33, "torch_cpu", "Unable to load shared library 'torch_cpu' or one of its dependencies.");

        var lines = TorchRuntime.Advice(facts).Split('\n');

        lines[0].Should().StartWith("MultiTask needs a TorchSharp backend package: add TorchSharp-cpu 0.107.0 (or a CUDA backend")
            .And.Contain("TorchSharp-cuda-linux");
        lines[1].Should().Be("No libtorch_cpu.so was found in: /app, /app/runtimes/linux-x64/native.");
        lines.Should().HaveCount(2, "libstdc++ is new enough and the loader's text is in the inner exception");
    }

    [Fact]
    public void Advice_SystemLibTorchLoadedInstead_StillNamesTheBackendPackageFirst()
    {
        // Debian's python3-torch installs libtorch 1.13 as /usr/lib/x86_64-linux-gnu/libtorch_cpu.so; LibTorchSharp then
        // fails on a missing symbol. The fix is still the backend package, so that comes first.
        const string system = "/usr/lib/x86_64-linux-gnu/libtorch_cpu.so.1.13.0";
        var facts = Facts(libTorchFound: false, glibcxxPatch: 33, "LibTorchSharp", "libLibTorchSharp.so: undefined symbol: _ZNK3c105Error4whatEv")
            with { ForeignLibTorch = system };

        var lines = TorchRuntime.Advice(facts).Split('\n');

        lines[0].Should().StartWith("MultiTask needs a TorchSharp backend package: add TorchSharp-cpu 0.107.0");
        lines[1].Should().Be("No libtorch_cpu.so was found in: /app, /app/runtimes/linux-x64/native.");
        lines[2].Should().Be($"The libtorch that loaded instead, {system}, comes from elsewhere on this machine (such as a system package of PyTorch) and is not the libtorch that TorchSharp 0.107.0 needs.");
        lines.Should().HaveCount(3);
    }

    [Fact]
    public void Advice_NoLibTorchAndOldLibStdCxx_NamesTheBackendFirstThenTheCppRuntime()
    {
        var facts = Facts(libTorchFound: false, glibcxxPatch: 30, "torch_cpu", "Unable to load shared library 'torch_cpu'.");

        var lines = TorchRuntime.Advice(facts).Split('\n');

        lines[0].Should().StartWith("MultiTask needs a TorchSharp backend package: add TorchSharp-cpu 0.107.0");
        lines.Should().HaveCount(3);
        lines[2].Should().StartWith($"Also: libtorch 2.10 needs libstdc++ with GLIBCXX_3.4.32 (GCC 13 or newer), but {LibStdCxx} provides only up to GLIBCXX_3.4.30.")
            .And.Contain("apt-get install -t trixie libstdc++6");
    }

    [Fact]
    public void Advice_LibTorchPresentButOldLibStdCxx_NamesTheMissingVersionAndFix()
    {
        var facts = Facts(libTorchFound: true, glibcxxPatch: 30, "LibTorchSharp", "version `GLIBCXX_3.4.32' not found (required by libLibTorchSharp.so)");

        var message = TorchRuntime.Advice(facts);

        message.Should().StartWith($"TorchSharp's native library could not be loaded: libtorch 2.10 needs libstdc++ with GLIBCXX_3.4.32 (GCC 13 or newer), but {LibStdCxx} provides only up to GLIBCXX_3.4.30.")
            .And.Contain("apt-get install -t trixie libstdc++6")
            .And.NotContain("TorchSharp-cpu");
    }

    [Fact]
    public void Advice_LibTorchPresentAndNewLibStdCxx_PutsTheLoaderTextAfterTheAdvice()
    {
        const string loader = "libgomp.so.1: cannot open shared object file: No such file or directory";
        var facts = Facts(libTorchFound: true, glibcxxPatch: 33, "LibTorchSharp", loader);

        var lines = TorchRuntime.Advice(facts).Split('\n');

        lines[0].Should().StartWith("TorchSharp's native library could not be loaded: libtorch was found, but LibTorchSharp did not load");
        lines[1].Should().Be(loader);
        lines.Should().HaveCount(2);
    }

    private static TorchRuntimeFacts Facts(bool libTorchFound, int? glibcxxPatch, string failedLibrary, string loaderError) =>
        new("0.107.0", "libtorch_cpu.so", libTorchFound, ["/app", "/app/runtimes/linux-x64/native"], LibStdCxx, glibcxxPatch, failedLibrary, loaderError);
}
