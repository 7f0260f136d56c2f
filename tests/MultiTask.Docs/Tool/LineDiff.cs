namespace MultiTask.Docs.Tool;

/// <summary>A line diff (longest common subsequence): "  " kept, "- " only in the page, "+ " only in the code's version.</summary>
public static class LineDiff
{
    /// <summary>The lines of <paramref name="before"/> turned into <paramref name="after"/>.</summary>
    public static IReadOnlyList<string> Compute(IReadOnlyList<string> before, IReadOnlyList<string> after)
    {
        int n = before.Count, m = after.Count;
        var common = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
        {
            for (int j = m - 1; j >= 0; j--)
            {
                common[i, j] = before[i] == after[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        var diff = new List<string>();
        int a = 0, b = 0;
        while (a < n || b < m)
        {
            if (a < n && b < m && before[a] == after[b])
            {
                diff.Add("  " + before[a++]);
                b++;
            }
            else if (a < n && (b == m || common[a + 1, b] >= common[a, b + 1]))
            {
                diff.Add("- " + before[a++]);
            }
            else
            {
                diff.Add("+ " + after[b++]);
            }
        }

        return diff;
    }
}
