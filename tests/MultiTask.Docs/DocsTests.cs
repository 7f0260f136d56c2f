using MultiTask.Docs.Tool;

namespace MultiTask.Docs;

/// <summary>
/// Every page of docs/ shows exactly the code of its snippets and exactly what its examples print. On failure the
/// message holds a diff; fix the example, or run <c>dotnet run -c Release --project tests/MultiTask.Docs -- --update</c>.
/// </summary>
public sealed class DocsTests
{
    private static readonly Lazy<DocsSite> Site = new(() => DocsSite.Load(RepositoryPaths.Root()));

    public static TheoryData<string> Pages => [.. RepositoryPaths.Pages(RepositoryPaths.Root())];

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_ShowsItsCodeAndWhatTheCodePrints(string page)
    {
        var check = Site.Value.Check(page);

        Assert.True(check.UpToDate, $"{page} differs from its examples. Run: dotnet run -c Release --project tests/MultiTask.Docs -- --update\n\n{check.Report()}");
    }

    [Fact]
    public void EveryExample_RunsToTheEnd_AndEverySnippetAndOutputIsShown()
    {
        var failed = Site.Value.Results.Where(r => r.Error is not null).Select(r => $"{r.Method}: {r.Error}").ToList();

        Assert.Empty(failed);
        Assert.Empty(Site.Value.Unused());
    }
}
