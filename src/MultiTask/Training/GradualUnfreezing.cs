using System.Globalization;
using MultiTask.Transfer;

namespace MultiTask.Training;

/// <summary>
/// Gradual unfreezing (Howard and Ruder, "Universal Language Model Fine-tuning for Text Classification", ACL 2018):
/// a callback that unfreezes parameter groups of a model whose pre-trained part was frozen with
/// <see cref="ParameterGroups.Freeze"/> (or <c>model.Freeze</c>), one group after each scheduled epoch, typically the
/// last trunk layer first. Add it to <see cref="MultiTaskTrainer.Callbacks"/>; combine it with
/// <see cref="TrainerOptions.GroupLearningRates"/> for discriminative rates. Gradient-based weighting refuses frozen
/// parameters when <c>Fit</c> starts, so use it with loss-based or static weighting.
/// </summary>
/// <remarks>
/// Unfreezing is idempotent and applies every entry up to the epoch, so after <see cref="MultiTaskTrainer.LoadCheckpoint"/>
/// (which does not record which parameters are frozen) call <see cref="ApplyThrough"/> with
/// <see cref="MultiTaskTrainer.EpochsCompleted"/> to bring the model to the state the interrupted run had.
/// </remarks>
public sealed class GradualUnfreezing : TrainingCallback
{
    /// <summary>
    /// After which epoch of the run (1-based, counted over all <c>Fit</c> calls) which parameter-name prefix is
    /// unfrozen, e.g. <c>{ [2] = "trunk.linear1", [4] = "trunk.linear0" }</c>. Epochs ≥ 1; prefixes not empty; each
    /// prefix must name parameters of the model (checked when it is applied). Required.
    /// </summary>
    public required IReadOnlyDictionary<int, string> Schedule
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Schedule));
            foreach (var (epoch, prefix) in value)
            {
                if (epoch < 1 || string.IsNullOrWhiteSpace(prefix))
                {
                    throw new ArgumentOutOfRangeException(nameof(Schedule), string.Create(CultureInfo.InvariantCulture,
                        $"GradualUnfreezing.Schedule entries need an epoch ≥ 1 and a non-empty parameter prefix; got epoch {epoch} → '{prefix}'."));
                }
            }

            field = value.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value);
        }
    }

    /// <summary>Unfreezes every group scheduled after an epoch up to <paramref name="epochsCompleted"/>.</summary>
    /// <param name="model">The model being trained.</param>
    /// <param name="epochsCompleted">The number of epochs the run has completed.</param>
    /// <returns>The names of the parameters that are now trainable because of the schedule.</returns>
    /// <exception cref="ArgumentException">A scheduled prefix names no parameter of the model (the message lists the groups).</exception>
    public IReadOnlyList<string> ApplyThrough(MultiTaskModel model, int epochsCompleted)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Schedule.Where(p => p.Key <= epochsCompleted).SelectMany(p => ParameterGroups.Unfreeze(model.Network, p.Value)).ToArray();
    }

    /// <inheritdoc/>
    public override void OnEpoch(EpochContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _ = ApplyThrough(context.Trainer.Model, context.Record.Epoch);
    }
}
