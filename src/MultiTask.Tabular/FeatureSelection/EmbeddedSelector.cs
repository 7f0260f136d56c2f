using MultiTask.Data;
using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection.Linear;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.FeatureSelection;

/// <summary>
/// Embedded selection by a sparse linear model, as scikit-learn 1.2's
/// <c>SelectFromModel(Lasso | ElasticNet | MultiTaskLasso)</c>: fit the model, take each feature's importance
/// (|coefficient|; for <see cref="MultiTaskLasso"/> the sum over tasks of |coefficient|, <c>norm_order=1</c>) and keep
/// the features whose importance is at least <see cref="Threshold"/>, optionally only the <see cref="MaxFeatures"/>
/// most important (stable order, ties to the lower index).
/// </summary>
/// <remarks>
/// The default threshold is scikit-learn's: 1e-5 for L1 models (<see cref="Lasso"/>, <see cref="MultiTaskLasso"/>,
/// <see cref="ElasticNet"/> with l1_ratio = 1), the mean importance otherwise. Multi-task: <see cref="Lasso"/> and
/// <see cref="ElasticNet"/> are fitted per target (on its labelled rows) and the |coefficients| combined by
/// <see cref="Aggregation"/> (<see cref="TaskAggregation.Mean"/> or <see cref="TaskAggregation.Max"/>; a rank has no
/// scale to threshold). <see cref="MultiTaskLasso"/> is natively multi-task (one shared support through the L2,1
/// penalty) and uses the rows labelled for every task; it needs regression targets or labels used as numbers.
/// The fitted selection's scores are the importances.
/// </remarks>
public sealed class EmbeddedSelector : ISupervisedTransformEstimator
{
    private readonly object _model;

    /// <summary>Selects by the coefficients of a lasso.</summary>
    /// <param name="model">The lasso; refitted at each <see cref="Fit(TabularData, IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    public EmbeddedSelector(Lasso model)
        : this((object)model)
    {
    }

    /// <summary>Selects by the coefficients of an elastic net.</summary>
    /// <param name="model">The elastic net; refitted at each <see cref="Fit(TabularData, IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    public EmbeddedSelector(ElasticNet model)
        : this((object)model)
    {
    }

    /// <summary>Selects by the coefficients of a multi-task lasso (one shared support for all targets).</summary>
    /// <param name="model">The multi-task lasso; refitted at each <see cref="Fit(TabularData, IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    public EmbeddedSelector(MultiTaskLasso model)
        : this((object)model)
    {
    }

    private EmbeddedSelector(object model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _model = model;
    }

    /// <summary>The model whose coefficients select the features: a <see cref="Lasso"/>, <see cref="ElasticNet"/> or <see cref="MultiTaskLasso"/>.</summary>
    public object Model => _model;

    /// <summary>The importance a feature needs to be kept (kept when importance ≥ threshold). Default: null, scikit-learn's default (1e-5 for L1 models, else the mean importance). Range: finite.</summary>
    public double? Threshold
    {
        get;
        init => field = value is null || double.IsFinite(value.Value) ? value : throw new ArgumentOutOfRangeException(nameof(Threshold), value, "Threshold must be finite.");
    }

    /// <summary>Keeps at most this many features, the most important first (scikit-learn's <c>max_features</c>). Range: ≥ 0. Default: null (no limit).</summary>
    public int? MaxFeatures
    {
        get;
        init => field = value is null or >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxFeatures), value, "MaxFeatures must be ≥ 0.");
    }

    /// <summary>How per-task |coefficients| are combined for <see cref="Lasso"/> and <see cref="ElasticNet"/> with several targets: Mean or Max. Default: <see cref="TaskAggregation.Mean"/>.</summary>
    public TaskAggregation Aggregation
    {
        get;
        init => field = value is TaskAggregation.Mean or TaskAggregation.Max
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Aggregation), value, "EmbeddedSelector thresholds |coefficients|, so it combines tasks by Mean or Max; Rank has no scale to threshold.");
    }

    /// <summary>Fits the model and returns the kept columns, with each feature's importance as its score.</summary>
    /// <param name="data">Numeric feature columns without missing values.</param>
    /// <param name="tasks">The tasks, as given to <see cref="MultiTaskDataset.FromArrays(float[,], IReadOnlyList{TaskSpec}, IReadOnlyList{TaskTargets})"/>.</param>
    /// <param name="targets">Each task's targets, one per row (NaN or <see cref="TaskSpec.MissingClass"/> where missing), paired with <paramref name="tasks"/> by position.</param>
    /// <exception cref="ArgumentException">A column is categorical or has a missing value, or a target does not match the table.</exception>
    public IFittedTransform Fit(TabularData data, IReadOnlyList<TaskSpec> tasks, IReadOnlyList<TaskTargets> targets) => Fit(data, SelectionTarget.From(tasks, targets));

    /// <summary>Fit on targets already converted (<see cref="SelectionTarget.From(TaskSpec, TaskTargets)"/>); the float64 reference tests call this.</summary>
    internal IFittedTransform Fit(TabularData data, IReadOnlyList<SelectionTarget> targets)
    {
        var input = ModelSelectionInput.From(data, targets, minFeatures: 1);
        double[] importances;
        bool l1;
        switch (_model)
        {
            case MultiTaskLasso multi:
                importances = FitMultiTask(multi, input, nameof(targets));
                l1 = true;
                break;
            case Lasso lasso:
                importances = PerTask(input, t => ElasticNet.FitCore(t.X, Values(t), lasso.Alpha, 1.0, lasso.MaxIterations, lasso.Tolerance));
                l1 = true;
                break;
            case ElasticNet net:
                importances = PerTask(input, t => ElasticNet.FitCore(t.X, Values(t), net.Alpha, net.L1Ratio, net.MaxIterations, net.Tolerance));
                l1 = Math.Abs(net.L1Ratio - 1.0) <= 1e-8 + 1e-5; // np.isclose(l1_ratio, 1.0)
                break;
            default:
                throw new InvalidOperationException($"Unsupported model {_model.GetType().Name}.");
        }

        double threshold = Threshold ?? (l1 ? 1e-5 : importances.Average());
        var keep = new bool[importances.Length];
        if (MaxFeatures is int max)
        {
            // np.argsort(-scores, kind="mergesort")[:max_features]: stable, ties to the lower index.
            foreach (int j in Enumerable.Range(0, importances.Length).OrderByDescending(j => importances[j]).Take(max))
            {
                keep[j] = true;
            }
        }
        else
        {
            Array.Fill(keep, true);
        }

        for (int j = 0; j < keep.Length; j++)
        {
            if (importances[j] < threshold)
            {
                keep[j] = false;
            }
        }

        return new FittedColumnSelection(input.Names, input.Names.Where((_, j) => keep[j]), importances);
    }

    private static double[] Values(ModelSelectionInput.TaskRows t) => TargetArrays.Values(t.Target, t.X.Rows, "targets");

    private double[] PerTask(ModelSelectionInput input, Func<ModelSelectionInput.TaskRows, LinearModel> fit)
    {
        var perTask = input.Tasks.Select(t => fit(t).Coefficients.Select(Math.Abs).ToArray()).ToArray();
        return ModelScoreAggregation.Combine(perTask, Aggregation);
    }

    private static double[] FitMultiTask(MultiTaskLasso model, ModelSelectionInput input, string paramName)
    {
        var complete = Enumerable.Range(0, input.X.Rows).ToHashSet();
        foreach (var task in input.Tasks)
        {
            complete.IntersectWith(task.Rows);
        }

        if (complete.Count == 0)
        {
            throw new ArgumentException("No row has a label for every task; MultiTaskLasso needs rows labelled for all tasks.", paramName);
        }

        var rows = complete.Order().ToArray();
        var y = new ColumnMatrix(rows.Length, input.Tasks.Length);
        for (int t = 0; t < input.Tasks.Length; t++)
        {
            var target = input.Tasks[t];
            var position = new Dictionary<int, int>(target.Rows.Length);
            for (int k = 0; k < target.Rows.Length; k++)
            {
                position[target.Rows[k]] = k;
            }

            var values = TargetArrays.Values(target.Target, target.Rows.Length, paramName);
            var column = y.Column(t);
            for (int i = 0; i < rows.Length; i++)
            {
                column[i] = values[position[rows[i]]];
            }
        }

        var x = rows.Length == input.X.Rows ? input.X : input.X.TakeRows(rows);
        return [.. model.FitCore(x, y).Importances];
    }
}
