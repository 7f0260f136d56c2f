using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using TorchSharp;

namespace MultiTask.Docs.Tool;

/// <summary>
/// Runs the <see cref="DocExampleAttribute"/> methods the way a reader would run the page's program: with the invariant
/// culture, one TorchSharp thread, the console captured, and the working directory a fresh temporary folder in which
/// <c>tests/data</c> links to the repository's data (so examples read <c>tests/data/...</c> and their saved files never
/// land in the repository).
/// </summary>
public static class ExampleRunner
{
    /// <summary>Every example of this assembly, by name.</summary>
    public static IReadOnlyList<(string Name, MethodInfo Method)> Discover()
    {
        var examples = typeof(ExampleRunner).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
            .Select(m => (Attribute: m.GetCustomAttribute<DocExampleAttribute>(), Method: m))
            .Where(e => e.Attribute is not null)
            .Select(e => (e.Attribute!.Name, e.Method))
            .OrderBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var (name, method) in examples)
        {
            if (method.GetParameters().Length != 0 || method.ReturnType != typeof(void))
            {
                throw new InvalidOperationException($"Example '{name}' ({method.DeclaringType?.Name}.{method.Name}) must be a static void method without parameters.");
            }
        }

        return examples;
    }

    /// <summary>Runs one example.</summary>
    public static ExampleResult Run(string name, MethodInfo method, string repositoryRoot)
    {
        MultiTaskRuntime.EnsureAvailable();   // the library's clear message first, before any direct TorchSharp call
        string folder = Path.Combine(Path.GetTempPath(), "multitask-docs-" + Guid.NewGuid().ToString("N"));
        string dataLink = Path.Combine(folder, "tests", "data");
        Directory.CreateDirectory(Path.Combine(folder, "tests"));
        Directory.CreateSymbolicLink(dataLink, Path.Combine(repositoryRoot, "tests", "data"));

        string directory = Environment.CurrentDirectory;
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        var console = Console.Out;
        int threads = torch.get_num_threads();
        using var capture = new OutputCapture(name);
        Exception? error = null;
        var clock = Stopwatch.StartNew();
        try
        {
            Environment.CurrentDirectory = folder;
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            torch.set_num_threads(1);
            DocOutput.Attach(capture);
            Console.SetOut(capture);
            method.Invoke(null, null);
        }
        catch (TargetInvocationException e)
        {
            error = e.InnerException ?? e;
        }
        finally
        {
            clock.Stop();
            Console.SetOut(console);
            DocOutput.Attach(null);
            torch.set_num_threads(threads);
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            Environment.CurrentDirectory = directory;
            Directory.Delete(dataLink);   // the link only (not recursive), before the folder: the data stay untouched
            Directory.Delete(folder, recursive: true);
        }

        return new ExampleResult(name, $"{method.DeclaringType?.Name}.{method.Name}", capture.Sections(), error, clock.Elapsed);
    }
}
