using System.Text.Json.Nodes;
using MultiTask.Serialization;
using MultiTask.Training.Schedules;

namespace MultiTask.Training;

/// <summary>
/// The trainer's run state beyond weights and optimiser: early stopping (best value, best epoch, epochs since the best,
/// the best weights), <see cref="Schedules.ReduceOnPlateau"/>'s state and the divergence-recovery factor. It continues
/// across <c>Fit</c> calls and is saved in checkpoints (JSON fields plus the best weights as a blob), so a resumed run
/// decides exactly as an uninterrupted one. Plain values only; the best weights are serialised bytes.
/// </summary>
internal sealed class RunControl
{
    /// <summary>The best monitored value so far; null before the first validated epoch.</summary>
    internal double? BestValue { get; set; }

    /// <summary>The epoch of <see cref="BestValue"/>.</summary>
    internal int? BestEpoch { get; set; }

    /// <summary>Validated epochs since the best one.</summary>
    internal int SinceBest { get; set; }

    /// <summary>The weights of <see cref="BestEpoch"/> (kept when best-weight restore is on); null otherwise.</summary>
    internal byte[]? BestWeights { get; set; }

    /// <summary>ReduceOnPlateau's state; null before its first epoch.</summary>
    internal PlateauState? Plateau { get; set; }

    /// <summary>The factor applied to every rate after divergence recoveries (1 without).</summary>
    internal double RecoveryScale { get; set; } = 1;

    /// <summary>The recoveries used so far.</summary>
    internal int Recoveries { get; set; }

    /// <summary>Whether <paramref name="value"/> improves on the best by more than <paramref name="minDelta"/> in the monitor's direction.</summary>
    internal bool Improves(double value, bool higherIsBetter, double minDelta)
        => BestValue is not double best || (higherIsBetter ? value > best + minDelta : value < best - minDelta);

    /// <summary>The JSON fields of the checkpoint (the best weights go in a blob).</summary>
    internal JsonObject ToJson() => new()
    {
        ["bestValue"] = BestValue,
        ["bestEpoch"] = BestEpoch,
        ["sinceBest"] = SinceBest,
        ["hasBestWeights"] = BestWeights is not null,
        ["plateauRate"] = Plateau?.Rate,
        ["plateauBest"] = Plateau?.Best,
        ["plateauBadEpochs"] = Plateau?.BadEpochs ?? 0,
        ["plateauCooldown"] = Plateau?.Cooldown ?? 0,
        ["recoveryScale"] = RecoveryScale,
        ["recoveries"] = Recoveries,
    };

    /// <summary>Reads the fields written by <see cref="ToJson"/>; a checkpoint without them (older format) gives a fresh state.</summary>
    /// <exception cref="ModelFileException">A field is out of range or the best-weights blob is missing.</exception>
    internal static RunControl FromJson(JsonObject? json, byte[]? bestWeights, string path)
    {
        var control = new RunControl();
        if (json is null)
        {
            return control;
        }

        try
        {
            control.BestValue = Finite(json, "bestValue", path);
            control.BestEpoch = json["bestEpoch"]?.GetValue<int>() is int epoch
                ? (epoch >= 1 ? epoch : throw new ModelFileException($"Checkpoint '{path}': field 'control.bestEpoch' must be ≥ 1."))
                : null;
            control.SinceBest = NonNegative(json, "sinceBest", path);
            if (Finite(json, "plateauRate", path) is double rate)
            {
                control.Plateau = new PlateauState(rate, Finite(json, "plateauBest", path), NonNegative(json, "plateauBadEpochs", path), NonNegative(json, "plateauCooldown", path));
            }

            control.RecoveryScale = Finite(json, "recoveryScale", path) is double scale and > 0 and <= 1
                ? scale
                : throw new ModelFileException($"Checkpoint '{path}': field 'control.recoveryScale' must be in (0, 1].");
            control.Recoveries = NonNegative(json, "recoveries", path);
            bool hasBest = json["hasBestWeights"]?.GetValue<bool>() ?? false;
            if (hasBest != (bestWeights is not null))
            {
                throw new ModelFileException($"Checkpoint '{path}': field 'control.hasBestWeights' is {(hasBest ? "true" : "false")} but the file has {(bestWeights is null ? "no" : "a")} best-weights blob.");
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            throw new ModelFileException($"Checkpoint '{path}': a field of 'control' has the wrong type: {e.Message}", e);
        }

        control.BestWeights = bestWeights;
        return control;
    }

    private static double? Finite(JsonObject json, string field, string path)
    {
        double? value = json[field]?.GetValue<double>();
        return value is null || double.IsFinite(value.Value) ? value : throw new ModelFileException($"Checkpoint '{path}': field 'control.{field}' is not finite.");
    }

    private static int NonNegative(JsonObject json, string field, string path)
    {
        int value = json[field]?.GetValue<int>() ?? 0;
        return value >= 0 ? value : throw new ModelFileException($"Checkpoint '{path}': field 'control.{field}' is negative ({value.ToString(System.Globalization.CultureInfo.InvariantCulture)}).");
    }
}
