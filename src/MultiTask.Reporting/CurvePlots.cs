using MultiTask.Evaluation;
using ScottPlot;

namespace MultiTask.Reporting;

/// <summary>
/// Plots of a binary task's curves (<see cref="RocCurve"/>, <see cref="PrecisionRecallCurve"/>,
/// <see cref="CalibrationCurve"/>): the curve in colour #1f77b4 on axes [0, 1] × [0, 1], with a dotted grey reference.
/// </summary>
public static class CurvePlots
{
    /// <summary>The ROC curve (false-positive rate → true-positive rate) with the chance diagonal.</summary>
    /// <param name="curve">The curve points.</param>
    /// <param name="title">The chart title, for example the task name. Default: "ROC curve".</param>
    public static Chart Roc(RocCurve curve, string title = "ROC curve")
    {
        ArgumentNullException.ThrowIfNull(curve);
        var plot = new Plot();
        ChartLines.Reference(plot, 0, 0, 1, 1, "Chance");
        ChartLines.Add(plot, curve.FalsePositiveRates, curve.TruePositiveRates, ChartColors.Series(0), "ROC");
        return Finish(plot, title, "False-positive rate", "True-positive rate", Alignment.LowerRight);
    }

    /// <summary>The precision–recall curve (recall → precision).</summary>
    /// <param name="curve">The curve points.</param>
    /// <param name="title">The chart title, for example the task name. Default: "Precision–recall curve".</param>
    public static Chart PrecisionRecall(PrecisionRecallCurve curve, string title = "Precision–recall curve")
    {
        ArgumentNullException.ThrowIfNull(curve);
        var plot = new Plot();
        ChartLines.Add(plot, curve.Recall, curve.Precision, ChartColors.Series(0), "Precision–recall");
        return Finish(plot, title, "Recall", "Precision", Alignment.LowerLeft);
    }

    /// <summary>The reliability diagram (mean predicted probability → fraction of positives per bin) with the perfect-calibration diagonal.</summary>
    /// <param name="curve">The curve points.</param>
    /// <param name="title">The chart title, for example the task name. Default: "Calibration curve".</param>
    public static Chart Calibration(CalibrationCurve curve, string title = "Calibration curve")
    {
        ArgumentNullException.ThrowIfNull(curve);
        var plot = new Plot();
        ChartLines.Reference(plot, 0, 0, 1, 1, "Perfectly calibrated");
        ChartLines.Add(plot, curve.MeanPredictedProbability, curve.FractionOfPositives, ChartColors.Series(0), "Model");
        return Finish(plot, title, "Mean predicted probability", "Fraction of positives", Alignment.UpperLeft);
    }

    private static Chart Finish(Plot plot, string title, string xLabel, string yLabel, Alignment legend)
    {
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.02);
        plot.ShowLegend(legend);
        return new Chart(plot);
    }
}
