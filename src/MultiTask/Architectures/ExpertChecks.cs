using MultiTask.Data;
using MultiTask.Models;

namespace MultiTask.Architectures;

/// <summary>Checks shared by the settings of the architectures with gated experts.</summary>
internal static class ExpertChecks
{
    /// <summary>An expert for an architecture whose gates read the input features: it must take features.</summary>
    internal static TrunkSpec FeatureExpert(TrunkSpec? value, string owner, string property)
    {
        ArgumentNullException.ThrowIfNull(value, property);
        return value.InputKind == InputKind.Features && value.InputWidth is int
            ? value
            : throw new ArgumentException($"{owner}.{property} must take features (its gates read the input features); got {value}, which takes {value.InputKind}.", property);
    }

    /// <summary>The head of every task built on a tower input of the given width.</summary>
    internal static HeadSpec Tower(HeadSpec? value, string property) => value ?? throw new ArgumentNullException(property);
}
