using MultiTask.Training;
using MultiTask.Weighting;

namespace MultiTask.Tests.Weighting;

/// <summary>
/// Every weighting method, by name, for the contract suite. Adding a method means adding one line here
/// (see docs/weighting.md).
/// </summary>
public static class WeightingRegistry
{
    private static readonly Dictionary<string, Func<WeightingMethod>> Factories = new()
    {
        ["EW"] = () => Weightings.Equal(),
        ["EW-mean"] = () => Weightings.Equal(mean: true),
        ["Static"] = () => Weightings.Static(1.0, 0.5, 2.0),
        ["UW"] = () => Weightings.Uncertainty(),
        ["DWA"] = () => Weightings.DynamicWeightAverage(),
        ["GLS"] = () => Weightings.GeometricLoss(),
        ["RLW"] = () => Weightings.RandomLoss(),
        ["SI"] = () => Weightings.ScaleInvariant(),
        ["STCH"] = () => Weightings.SmoothTchebycheff(warmupEpochs: 1),
        ["FAMO"] = () => Weightings.Famo(),
        ["IMTL-L"] = () => Weightings.ImtlL(),
        ["GradNorm"] = () => Weightings.GradNorm(),
        ["MoCo"] = () => Weightings.MoCo(),
        ["DB-MTL"] = () => Weightings.DbMtl(),
        ["ExcessMTL"] = () => Weightings.ExcessMtl(),
        ["ExcessMTL-rep"] = () => Weightings.ExcessMtl(),
        ["GradDrop"] = () => Weightings.GradDrop(),
    };

    /// <summary>The gradient source of the entries that do not use the shared parameters' gradients.</summary>
    private static readonly Dictionary<string, GradientSource> Sources = new()
    {
        ["ExcessMTL-rep"] = GradientSource.Representation,
        ["GradDrop"] = GradientSource.Representation,
    };

    public static IEnumerable<string> Names => Factories.Keys;

    public static WeightingMethod Create(string name) => Factories[name]();

    /// <summary>Where the contract suite takes the gradients for this entry (the shared parameters unless listed in Sources).</summary>
    public static GradientSource SourceOf(string name) => Sources.GetValueOrDefault(name, GradientSource.SharedParameters);
}
