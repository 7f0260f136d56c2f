namespace MultiTask.Tests.TestUtilities;

/// <summary>Paths of the real datasets copied into tests/data (see its README for sources and licences).</summary>
public static class TestData
{
    /// <summary>The full path of a file under tests/data, as copied next to the test assembly.</summary>
    public static string File(string dataset, string file) => Path.Combine(AppContext.BaseDirectory, "data", dataset, file);
}
