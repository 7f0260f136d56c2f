using System.Reflection;
using System.Text.Json.Nodes;

namespace MultiTask.Inputs;

/// <summary>
/// The registry that recreates fitted input transforms from their JSON by kind. Packages register their kinds
/// through an <see cref="InputTransformProviderAttribute"/> (found on first use, loading the package's assembly if
/// the application references it); custom transforms call <see cref="Register"/>.
/// </summary>
public static class InputTransforms
{
    /// <summary>The package whose kinds a model file names when it does not say otherwise (files of version 0.1).</summary>
    public const string DefaultPackage = "MultiTask.Tabular";

    private static readonly Dictionary<string, Func<JsonObject, IFittedInputTransform>> Readers = new(StringComparer.Ordinal);
    private static readonly HashSet<string> ScannedAssemblies = new(StringComparer.Ordinal);
    private static readonly object Gate = new();

    /// <summary>Registers the reader of a kind, replacing any earlier one.</summary>
    /// <param name="kind">The kind, as the transform's <see cref="IFittedInputTransform.Kind"/>.</param>
    /// <param name="reader">Recreates the transform from its JSON.</param>
    public static void Register(string kind, Func<JsonObject, IFittedInputTransform> reader)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(reader);
        lock (Gate)
        {
            Readers[kind] = reader;
        }
    }

    /// <summary>Whether a reader for <paramref name="kind"/> is known (after looking for providers in <paramref name="package"/>).</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="package">The package (assembly name) expected to provide it. Default: <see cref="DefaultPackage"/>.</param>
    public static bool IsKnown(string kind, string? package = null) => Find(kind, package ?? DefaultPackage) is not null;

    /// <summary>Recreates a fitted input transform from its JSON.</summary>
    /// <param name="json">JSON written by <see cref="IFittedInputTransform.ToJson"/>.</param>
    /// <param name="package">The package (assembly name) that provides the kind, named in the error when it is not referenced. Default: <see cref="DefaultPackage"/>.</param>
    /// <exception cref="FormatException">The JSON has no kind, no reader is registered for it, or the JSON is invalid.</exception>
    public static IFittedInputTransform FromJson(JsonObject json, string? package = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        string kind = json["kind"] is JsonValue value && value.TryGetValue<string>(out var k) ? k : throw new FormatException("A fitted input transform's JSON lacks a string 'kind'.");
        package ??= DefaultPackage;
        var reader = Find(kind, package);
        if (reader is not null)
        {
            return reader(json);
        }

        bool packageLoaded = AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == package);
        throw new FormatException(packageLoaded
            ? $"Unknown input transform kind '{kind}': the package '{package}' does not provide it; register its reader with {nameof(InputTransforms)}.{nameof(Register)}."
            : $"The preprocessing of kind '{kind}' needs the package '{package}': add a reference to it (dotnet add package {package}), " +
              $"or register a reader with {nameof(InputTransforms)}.{nameof(Register)}.");
    }

    private static Func<JsonObject, IFittedInputTransform>? Find(string kind, string package)
    {
        lock (Gate)
        {
            if (Readers.TryGetValue(kind, out var reader))
            {
                return reader;
            }
        }

        foreach (var assembly in Candidates(package))
        {
            ScanProvider(assembly);
        }

        lock (Gate)
        {
            return Readers.GetValueOrDefault(kind);
        }
    }

    private static IEnumerable<Assembly> Candidates(string package)
    {
        var loaded = AppDomain.CurrentDomain.GetAssemblies();
        foreach (var assembly in loaded)
        {
            yield return assembly;
        }

        if (loaded.Any(a => a.GetName().Name == package))
        {
            yield break;
        }

        Assembly? named = null;
        try
        {
            named = Assembly.Load(new AssemblyName(package));
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or BadImageFormatException or ArgumentException)
        {
            // Not referenced by the application: the caller reports the package to add.
        }

        if (named is not null)
        {
            yield return named;
        }
    }

    private static void ScanProvider(Assembly assembly)
    {
        string name = assembly.FullName ?? assembly.GetName().Name ?? string.Empty;
        lock (Gate)
        {
            if (!ScannedAssemblies.Add(name))
            {
                return;
            }
        }

        var attribute = assembly.GetCustomAttribute<InputTransformProviderAttribute>();
        if (attribute is null)
        {
            return;
        }

        var provider = Activator.CreateInstance(attribute.ProviderType) as IInputTransformProvider
            ?? throw new InvalidOperationException($"{attribute.ProviderType} named by {assembly.GetName().Name} does not implement {nameof(IInputTransformProvider)}.");
        lock (Gate)
        {
            foreach (var (kind, reader) in provider.Readers)
            {
                Readers.TryAdd(kind, reader);
            }
        }
    }
}
