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
        ["MGDA"] = () => Weightings.Mgda(),
        ["MGDA-l2"] = () => Weightings.Mgda(MgdaNormalization.L2),
        ["MGDA-loss"] = () => Weightings.Mgda(MgdaNormalization.Loss),
        ["MGDA-loss+"] = () => Weightings.Mgda(MgdaNormalization.LossPlusL2),
        ["PCGrad"] = () => Weightings.PCGrad(),
        ["GradVac"] = () => Weightings.GradVac(),
        ["IMTL-G"] = () => Weightings.ImtlG(),
        ["CAGrad"] = () => Weightings.CAGrad(),
        ["Nash-MTL"] = () => Weightings.NashMtl(),
        ["Aligned-MTL"] = () => Weightings.AlignedMtl(),
        ["UPGrad"] = () => Weightings.UpGrad(),
        ["DualProj"] = () => Weightings.DualProj(),
        ["ConFIG"] = () => Weightings.ConFig(),
        ["FairGrad"] = () => Weightings.FairGrad(),
        ["MGDA-UB"] = () => Weightings.Mgda(MgdaNormalization.L2),
        ["IMTL-G (rep)"] = () => Weightings.ImtlG(),
        ["Aligned-MTL (rep)"] = () => Weightings.AlignedMtl(),
        ["GradNorm (rep)"] = () => Weightings.GradNorm(),
        ["MoCo"] = () => Weightings.MoCo(),
        ["DB-MTL"] = () => Weightings.DbMtl(),
        ["ExcessMTL"] = () => Weightings.ExcessMtl(),
        ["ExcessMTL (rep)"] = () => Weightings.ExcessMtl(),
        ["GradDrop"] = () => Weightings.GradDrop(),
    };

    /// <summary>Entries that run on gradients at the shared representation (MGDA-UB and the other methods that support it).</summary>
    private static readonly HashSet<string> RepresentationOnly = ["MGDA-UB", "IMTL-G (rep)", "Aligned-MTL (rep)", "GradNorm (rep)", "ExcessMTL (rep)", "GradDrop"];

    public static IEnumerable<string> Names => Factories.Keys;

    public static WeightingMethod Create(string name) => Factories[name]();

    public static (Func<WeightingMethod> Create, GradientSource Source) Entry(string name)
        => (Factories[name], RepresentationOnly.Contains(name) ? GradientSource.Representation : GradientSource.SharedParameters);
}
