using MultiTask.Docs.Tool;

namespace MultiTask.Docs.Tool;

/// <summary>The block mechanism on hand-written inputs, with the expected text written out in full.</summary>
public sealed class DocsToolTests
{
    [Fact]
    public void Snippet_JoinsRegionsOfOneName_DedentedAndTrimmed()
    {
        var source = new SnippetSource();
        source.Add("a.cs", """
            // begin-snippet: demo
            using System;
            // end-snippet
            class C
            {
                void M()
                {
                    // begin-snippet: demo

                    int x = 1;
                        x++;
                    // end-snippet
                }
            }
            """);

        Assert.Equal("using System;\n\nint x = 1;\n    x++;", source.Get("demo"));
        Assert.Null(source.Get("other"));
    }

    [Fact]
    public void Snippet_WithoutEnd_IsAnErrorNamingFileAndLine()
    {
        var source = new SnippetSource();

        var error = Assert.Throws<FormatException>(() => source.Add("b.cs", "x\n// begin-snippet: open\ny"));

        Assert.Equal("b.cs:2: snippet 'open' has no '// end-snippet'.", error.Message);
    }

    [Fact]
    public void Replace_RewritesOnlyTheLinesBetweenTheMarkers()
    {
        string page = "intro\n<!-- snippet: s -->\nold code\n<!-- end -->\nmiddle\n<!-- output: o -->\n```text\nold\n```\n<!-- end -->\nend\n";

        string result = MarkdownBlocks.Replace(page, "p.md", b => MarkdownBlocks.Render(b.Kind, b.Name == "s" ? "int x = 1;" : "1\n2"));

        Assert.Equal("intro\n<!-- snippet: s -->\n```csharp\nint x = 1;\n```\n<!-- end -->\nmiddle\n<!-- output: o -->\n```text\n1\n2\n```\n<!-- end -->\nend\n", result);
    }

    [Fact]
    public void Find_AnUnclosedBlock_IsAnErrorNamingPageAndLine()
    {
        var error = Assert.Throws<FormatException>(() => MarkdownBlocks.Find(["a", "<!-- output: o -->", "b"], "p.md"));

        Assert.Equal("p.md:2: the output block 'o' has no <!-- end -->.", error.Message);
    }

    [Fact]
    public void Diff_MarksRemovedThenAddedLines()
    {
        var diff = LineDiff.Compute(["a", "b", "c"], ["a", "x", "c", "d"]);

        Assert.Equal(["  a", "- b", "+ x", "  c", "+ d"], diff);
    }

    [Fact]
    public void Output_IsNormalisedToLineFeedsWithoutTrailingSpaces()
    {
        Assert.Equal("a\n b", OutputCapture.Normalise("a  \r\n b\n\n"));
    }

    [Fact]
    public void Render_IndentsEveryNonEmptyLineLikeTheMarker()
    {
        string[] page = ["1. Step:", "", "   <!-- snippet: s -->", "   <!-- end -->"];
        var block = MarkdownBlocks.Find(page, "p.md").Single();

        Assert.Equal("   ```csharp\n   a\n\n   b\n   ```", MarkdownBlocks.Render("snippet", "a\n\nb", MarkdownBlocks.Indent(page, block)));
    }
}
