using System.Text;

namespace MultiTask.Tests;

public sealed class TorchRuntimeTests
{
    [Fact]
    public void HighestGlibcxxPatch_FindsTheLargestVersionString()
    {
        var bytes = Encoding.ASCII.GetBytes("\0GLIBCXX_3.4.9\0GLIBCXX_3.4.30\0GLIBCXX_3.4.29\0CXXABI_1.3\0");
        TorchRuntime.HighestGlibcxxPatch(bytes).Should().Be(30);
        TorchRuntime.HighestGlibcxxPatch(Encoding.ASCII.GetBytes("nothing here")).Should().BeNull();
    }

    [Fact]
    public void Explain_OldLibStdCxx_NamesMissingVersionAndFix()
    {
        using var dir = new TestUtilities.TempDirectory();
        var fake = dir.File("libstdc++.so.6");
        File.WriteAllBytes(fake, Encoding.ASCII.GetBytes("\0GLIBCXX_3.4.29\0GLIBCXX_3.4.30\0"));

        var message = TorchRuntime.Explain(new NotSupportedException("doesn't contain a reference to libtorch-cpu-linux-x64"), fake);

        message.Should().Contain("GLIBCXX_3.4.32").And.Contain("GLIBCXX_3.4.30").And.Contain(fake)
            .And.Contain("apt-get install -t trixie libstdc++6");
    }

    [Fact]
    public void Explain_NewEnoughLibStdCxx_PointsAtTheBackendPackage()
    {
        using var dir = new TestUtilities.TempDirectory();
        var fake = dir.File("libstdc++.so.6");
        File.WriteAllBytes(fake, Encoding.ASCII.GetBytes("\0GLIBCXX_3.4.32\0GLIBCXX_3.4.33\0"));

        var message = TorchRuntime.Explain(new NotSupportedException("doesn't contain a reference to libtorch-cpu-linux-x64"), fake);

        message.Should().Contain("TorchSharp-cpu").And.NotContain("trixie");
    }
}
