namespace MultiTask.Tabular.FeatureSelection;

/// <summary>The direction of a <see cref="SequentialFeatureSelector"/> (scikit-learn's <c>direction</c>).</summary>
public enum SequentialDirection
{
    /// <summary>Start from no feature and add, at each step, the one whose addition scores best.</summary>
    Forward,

    /// <summary>Start from all features and remove, at each step, the one whose removal scores best.</summary>
    Backward,
}
