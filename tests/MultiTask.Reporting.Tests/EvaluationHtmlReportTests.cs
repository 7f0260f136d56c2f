using System.Globalization;
using System.Text.RegularExpressions;
using MultiTask.Data;
using MultiTask.Evaluation;
using MultiTask.Interpretability;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;
using MultiTask.Training;

namespace MultiTask.Reporting.Tests;

public sealed class EvaluationHtmlReportTests : IDisposable
{
    private readonly MultiTaskModel _model;
    private readonly EvaluationReport _report;
    private readonly TrainingHistory _history;
    private readonly MultiTaskDataset _data;

    public EvaluationHtmlReportTests()
    {
        const int rows = 40;
        var x = new float[rows, 3];
        var binary = new int[rows];
        var classes = new int[rows];
        var values = new double[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i, 0] = (i % 7) - 3;
            x[i, 1] = (i % 5) - 2;
            x[i, 2] = (i % 3) - 1;
            binary[i] = x[i, 0] > 0 ? 1 : 0;
            classes[i] = i % 3;
            values[i] = x[i, 1] * 0.5;
        }
        TaskSpec[] tasks = [TaskSpec.Binary("bin"), TaskSpec.Multiclass("multi", 3), TaskSpec.Regression("reg")];
        var data = _data = MultiTaskDataset.FromArrays(x, tasks, [binary, classes, values]);
        _model = MultiTaskModel.Create(tasks, Trunks.Mlp(3, [8]), seed: 1);
        using (var trainer = new MultiTaskTrainer(_model, new TrainerOptions { Epochs = 3, BatchSize = 16, Seed = 1, Threads = 1 }))
        {
            _history = trainer.Fit(data, data);
        }
        _report = _model.Evaluate(data);
    }

    public void Dispose()
    {
        _model.Dispose();
        _data.Dispose();
    }

    [Fact]
    public void Render_WithImportancesAndAffinity_TablesThemInRankOrderAndAddsTheirPlots()
    {
        var importances = PermutationImportance.Compute(_model, _data, new PermutationImportanceOptions { Repeats = 2, Seed = 1 });
        var affinity = TaskAffinity.Compute(_model, _data);
        var options = new EvaluationHtmlReportOptions { Importances = importances, FeatureNames = ["a", "b", "c"], TopFeatures = 2, TaskAffinity = affinity };

        string html = EvaluationHtmlReport.Render(_report, options: options);

        // Per task: the two features with the largest mean, in descending order, with mean and SD to four decimals.
        foreach (var task in importances.Tasks)
        {
            var order = Enumerable.Range(0, 3).OrderByDescending(f => task.Mean[f]).Take(2).ToArray();
            string rows = string.Concat(order.Select(f => string.Create(CultureInfo.InvariantCulture,
                $"<tr><td>{"abc"[f]}</td><td class=\"n\">{task.Mean[f]:0.0000}</td><td class=\"n\">{task.StandardDeviation[f]:0.0000}</td></tr>\n")));
            html.Should().Contain($"<h3>{task.Task.Name} (").And.Contain(rows);
        }

        // The affinity table: one row per source task with its three values.
        for (int i = 0; i < 3; i++)
        {
            string row = string.Create(CultureInfo.InvariantCulture, $"<tr><td>{affinity.Tasks[i].Name}</td><td class=\"n\">{affinity[i, 0]:0.0000}</td><td class=\"n\">{affinity[i, 1]:0.0000}</td><td class=\"n\">{affinity[i, 2]:0.0000}</td></tr>");
            html.Should().Contain(row);
        }

        // Five images of the evaluation (no history) + three importance bar plots + one affinity heat map.
        Regex.Matches(html, "<img ").Should().HaveCount(5 + 3 + 1);
    }

    [Fact]
    public void Render_WithFeatureNamesOfTheWrongCount_NamesTheTaskAndBothCounts()
    {
        var importances = PermutationImportance.Compute(_model, _data, new PermutationImportanceOptions { Repeats = 1, Seed = 1 });

        var act = () => EvaluationHtmlReport.Render(_report, options: new EvaluationHtmlReportOptions { Importances = importances, FeatureNames = ["a", "b"] });

        act.Should().Throw<ArgumentException>().WithMessage("EvaluationHtmlReportOptions.FeatureNames has 2 names, but the importances of task 'bin' cover 3 features.*");
    }

    [Fact]
    public void Render_InlinesOneImagePerPlot()
    {
        string html = EvaluationHtmlReport.Render(_report, _history);

        // Training curves; binary: confusion matrix, ROC, PR, calibration; multiclass: confusion matrix; regression: none.
        var images = Regex.Matches(html, "<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
        images.Should().HaveCount(6);
        foreach (Match image in images)
        {
            PngHeader.Size(Convert.FromBase64String(image.Groups[1].Value)).Should().Be((640, 480));
        }
        EvaluationHtmlReport.Render(_report).Should().NotContain("Training curves");
    }

    [Fact]
    public void Render_TablesTheMetricsWithTheInvariantCulture_WhateverTheCurrentCulture()
    {
        var data = _report["bin"].Data!;
        int correct = 0;
        for (int i = 0; i < data.RowCount; i++)
        {
            correct += data.ActualLabels[i] == data.PredictedLabels[i] ? 1 : 0;
        }
        double accuracy = (double)correct / data.RowCount;
        var previous = CultureInfo.CurrentCulture;
        string html;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            html = EvaluationHtmlReport.Render(_report, _history);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        html.Should().Contain($"<tr><td>Accuracy</td><td class=\"n\">{accuracy.ToString("0.0000", CultureInfo.InvariantCulture)}</td></tr>");
        html.Should().Contain("<tr><td>Labelled rows</td><td class=\"n\">40</td></tr>");
        html.Should().Contain("<p>40 rows evaluated.</p>");
        Regex.Matches(html, "<h2>").Should().HaveCount(4, "one heading for training and one per task");
        Regex.IsMatch(html, @"<td class=""n"">-?\d+,\d{4}</td>").Should().BeFalse("no decimal comma");
    }

    [Fact]
    public void Render_WithAGain_TablesItsTermsAndAddsTheBars()
    {
        // Relative changes by hand: (0.9 − 0.8) / 0.8 = +12.5 %; MSE lower is better: −(0.75 − 1.0) / 1.0 = +25 %; Δm = 18.75 %.
        var gain = MultiTaskGain.Compute([new MetricComparison("bin", "Accuracy", 0.9, 0.8, true), new MetricComparison("reg", "MSE", 0.75, 1.0, false)]);

        string html = EvaluationHtmlReport.Render(_report, gain: gain);

        html.Should().Contain("<p>Δm = 18.7500 %</p>");
        html.Should().Contain("<tr><td>bin</td><td>Accuracy</td><td class=\"n\">0.9000</td><td class=\"n\">0.8000</td><td class=\"n\">12.5000</td></tr>");
        html.Should().Contain("<tr><td>reg</td><td>MSE</td><td class=\"n\">0.7500</td><td class=\"n\">1.0000</td><td class=\"n\">25.0000</td></tr>");
        Regex.Matches(html, "<img ").Should().HaveCount(6, "binary: 4 plots, multiclass: 1, Δm: 1");
    }

    [Fact]
    public void Render_DrawsThePlotsAtTheRequestedSize()
    {
        var options = new EvaluationHtmlReportOptions { PlotWidth = 300, PlotHeight = 200, ClassNames = new Dictionary<string, IReadOnlyList<string>> { ["multi"] = ["x", "y", "z"] } };

        string html = EvaluationHtmlReport.Render(_report, options: options);

        var images = Regex.Matches(html, "<img width=\"300\" height=\"200\" [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
        images.Should().HaveCount(5);
        PngHeader.Size(Convert.FromBase64String(images[0].Groups[1].Value)).Should().Be((300, 200));
    }

    [Fact]
    public void Render_WithClassNamesThatDoNotFitTheTask_NamesTheTaskAndCounts()
    {
        var options = new EvaluationHtmlReportOptions { ClassNames = new Dictionary<string, IReadOnlyList<string>> { ["multi"] = ["x", "y"] } };

        var act = () => EvaluationHtmlReport.Render(_report, options: options);

        act.Should().Throw<ArgumentException>().WithMessage("EvaluationHtmlReportOptions.ClassNames has 2 names for task 'multi', which has 3 classes.*");
    }

    [Theory]
    [InlineData(199, 480, "PlotWidth")]
    [InlineData(640, 149, "PlotHeight")]
    public void Options_RejectAPlotTooSmall_NamingTheSetting(int width, int height, string setting)
    {
        var act = () => new EvaluationHtmlReportOptions { PlotWidth = width, PlotHeight = height };

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be(setting);
    }

    [Fact]
    public void Write_ReplacesTheFileAtomically_LeavingNoTemporaryFile()
    {
        using var folder = new TempDirectory();
        string path = folder.File("report.html");
        File.WriteAllText(path, "old");

        EvaluationHtmlReport.Write(path, _report, _history, options: new EvaluationHtmlReportOptions { Title = "Adult <test>" });

        string html = File.ReadAllText(path);
        html.Should().StartWith("<!DOCTYPE html>").And.Contain("<title>Adult &lt;test&gt;</title>").And.EndWith("</html>\n");
        Directory.GetFiles(folder.Path).Select(Path.GetFileName).Should().Equal("report.html");
    }
}
