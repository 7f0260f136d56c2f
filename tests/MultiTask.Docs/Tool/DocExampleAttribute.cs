namespace MultiTask.Docs.Tool;

/// <summary>
/// Marks a static, parameterless method as a documentation example. The runner calls it with the console captured;
/// what it prints becomes the output block named <see cref="Name"/> (until the method starts another section with
/// <see cref="DocOutput.Section"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DocExampleAttribute(string name) : Attribute
{
    /// <summary>The name of the example's first output section.</summary>
    public string Name { get; } = name;
}
