namespace MultiTask.Inputs;

/// <summary>Names the <see cref="IInputTransformProvider"/> of an assembly (it needs a public parameterless constructor).</summary>
/// <param name="providerType">A type that implements <see cref="IInputTransformProvider"/>.</param>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class InputTransformProviderAttribute(Type providerType) : Attribute
{
    /// <summary>The provider type.</summary>
    public Type ProviderType { get; } = providerType ?? throw new ArgumentNullException(nameof(providerType));
}
