namespace MultiTask.Weighting;

/// <summary>The mean training loss of each task in each finished epoch (LibMTL's train_loss_buffer), as plain numbers.</summary>
public sealed class LossHistory
{
    private readonly List<double[]> _epochs = [];

    /// <summary>The number of finished epochs.</summary>
    public int Count => _epochs.Count;

    /// <summary>The per-task mean losses of a finished epoch.</summary>
    /// <param name="epoch">The epoch index, from 0.</param>
    public IReadOnlyList<double> this[int epoch] => _epochs[epoch];

    /// <summary>The per-task mean losses of the last finished epoch, or null before the first epoch ends.</summary>
    public IReadOnlyList<double>? Last => _epochs.Count == 0 ? null : _epochs[^1];

    internal void Add(double[] meanLosses) => _epochs.Add((double[])meanLosses.Clone());

    internal void Replace(IEnumerable<double[]> epochs)
    {
        _epochs.Clear();
        _epochs.AddRange(epochs.Select(e => (double[])e.Clone()));
    }
}
