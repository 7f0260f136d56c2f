using MultiTask.Data;

namespace MultiTask.Tabular.Imbalance;

/// <summary>
/// Class-imbalance handling for one classification task of a multi-task dataset: scikit-learn's "balanced" class
/// weights, and random over- and under-sampling that leave the other tasks' label distributions untouched.
/// </summary>
/// <remarks>
/// <para>Policy towards the other tasks (a multi-task dataset shares rows between tasks):</para>
/// <list type="bullet">
/// <item><see cref="Oversample"/> appends copies of minority-class rows that carry <b>only this task's label</b>: the
/// other tasks' labels are masked out on the copies, so those tasks see every original row exactly once.</item>
/// <item><see cref="Undersample"/> does not delete rows: it <b>masks this task's label</b> on the majority-class rows it
/// drops, so the rows still serve the other tasks. Rows left with no label for any task are removed.</item>
/// </list>
/// </remarks>
public static class ClassBalancing
{
    /// <summary>
    /// scikit-learn's <c>compute_class_weight("balanced")</c>: wₖ = n / (K·nₖ) over the labelled rows, for classes 0 … K − 1.
    /// </summary>
    /// <param name="labels">Class labels; <see cref="TaskSpec.MissingClass"/> rows are ignored.</param>
    /// <param name="classCount">K.</param>
    /// <exception cref="ArgumentException">A class has no row (its weight would be infinite); the message names it.</exception>
    public static double[] BalancedWeights(IReadOnlyList<int> labels, int classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 2);
        var counts = Counts(labels, classCount);
        int empty = Array.IndexOf(counts, 0);
        if (empty >= 0)
        {
            throw new ArgumentException($"Class {empty} has no labelled row, so a balanced weight cannot be computed.", nameof(labels));
        }

        double n = counts.Sum();
        return counts.Select(c => n / (classCount * (double)c)).ToArray();
    }

    /// <summary>Random over-sampling: every class of the task is brought up to the size of its largest class (see the policy above).</summary>
    /// <param name="data">The dataset; not modified.</param>
    /// <param name="task">A binary or multiclass task of the dataset.</param>
    /// <param name="seed">Seeds the choice of copied rows.</param>
    /// <returns>A view that shares <paramref name="data"/>'s inputs (usable while <paramref name="data"/> is): the original rows, then the copies.</returns>
    public static MultiTaskDataset Oversample(MultiTaskDataset data, string task, int seed)
    {
        var (_, labels, classCount) = Prepare(data, task);
        var counts = Counts(labels, classCount);
        int target = counts.Max();
        var random = new Random(seed);
        var copies = new List<int>();
        for (int c = 0; c < classCount; c++)
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();
            for (int k = counts[c]; k < target && members.Length > 0; k++)
            {
                copies.Add(members[random.Next(members.Length)]);
            }
        }

        var rows = Enumerable.Range(0, data.RowCount).Concat(copies).ToArray();
        using var all = data.Subset(rows);
        var others = data.Tasks.Where(t => t.Name != task).Select(t => t.Name).ToArray();
        return all.WithoutLabels(Enumerable.Range(data.RowCount, copies.Count).ToArray(), others);
    }

    /// <summary>Random under-sampling: every class of the task is brought down to the size of its smallest class (see the policy above).</summary>
    /// <param name="data">The dataset; not modified.</param>
    /// <param name="task">A binary or multiclass task of the dataset.</param>
    /// <param name="seed">Seeds the choice of dropped labels.</param>
    /// <returns>A view that shares <paramref name="data"/>'s inputs (usable while <paramref name="data"/> is).</returns>
    public static MultiTaskDataset Undersample(MultiTaskDataset data, string task, int seed)
    {
        var (_, labels, classCount) = Prepare(data, task);
        var counts = Counts(labels, classCount);
        int target = counts.Where(c => c > 0).Min();
        var random = new Random(seed);
        var drop = new HashSet<int>();
        for (int c = 0; c < classCount; c++)
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == c).ToArray();
            random.Shuffle(members);
            drop.UnionWith(members.Take(Math.Max(0, members.Length - target)));
        }

        using var masked = data.WithoutLabels(drop.ToArray(), [task]);
        var labelled = new bool[data.RowCount];
        foreach (var spec in data.Tasks)
        {
            var values = masked.GetValues(spec.Name);
            for (int i = 0; i < values.Length; i++)
            {
                labelled[i] |= !float.IsNaN(values[i]);
            }
        }

        return masked.Subset(Enumerable.Range(0, data.RowCount).Where(i => labelled[i]).ToArray());
    }

    private static (TaskSpec Spec, int[] Labels, int ClassCount) Prepare(MultiTaskDataset data, string task)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(task);
        var spec = data.Tasks.FirstOrDefault(t => t.Name == task)
            ?? throw new ArgumentException($"Unknown task '{task}'; this dataset has tasks {string.Join(", ", data.Tasks.Select(t => $"'{t.Name}'"))}.", nameof(task));
        if (spec.Kind == TaskKind.Regression)
        {
            throw new ArgumentException($"Task '{task}' is a regression task; resampling by class needs a classification task.", nameof(task));
        }

        return (spec, data.GetLabels(task), spec.ClassCount);
    }

    private static int[] Counts(IReadOnlyList<int> labels, int classCount)
    {
        var counts = new int[classCount];
        for (int i = 0; i < labels.Count; i++)
        {
            int label = labels[i];
            if (label == TaskSpec.MissingClass)
            {
                continue;
            }

            if ((uint)label >= (uint)classCount)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"Label {label} at row {i} is outside 0 to {classCount - 1}.");
            }

            counts[label]++;
        }

        return counts;
    }
}
