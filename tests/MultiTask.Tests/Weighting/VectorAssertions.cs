namespace MultiTask.Tests.Weighting;

/// <summary>Element-wise approximate comparison of vectors, with the index in the failure message.</summary>
public static class VectorAssertions
{
    /// <summary>Asserts that the vectors have the same length and |actual[i] − expected[i]| ≤ tolerance for every i.</summary>
    public static void ShouldApproximate(this IReadOnlyList<double> actual, IReadOnlyList<double> expected, double tolerance)
    {
        actual.Should().HaveCount(expected.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            actual[i].Should().BeApproximately(expected[i], tolerance, "element {0} of [{1}]", i, string.Join(", ", actual));
        }
    }
}
