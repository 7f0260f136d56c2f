namespace MultiTask.Evaluation;

/// <summary>How precision, recall and F1 combine classes, as scikit-learn's <c>average</c> parameter.</summary>
public enum MetricAverage
{
    /// <summary>Only the positive label (<c>average="binary"</c>); the labels must be binary.</summary>
    Binary,

    /// <summary>The unweighted mean over the labels present in the true or predicted labels (<c>"macro"</c>).</summary>
    Macro,

    /// <summary>From the total true positives, false positives and false negatives over all labels (<c>"micro"</c>).</summary>
    Micro,

    /// <summary>The mean over labels weighted by each label's count in the true labels (<c>"weighted"</c>).</summary>
    Weighted,
}
