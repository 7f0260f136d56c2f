using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.Tests.Preprocessing;

/// <summary>
/// Scalers against scikit-learn 1.2.1 on real data (tests/reference/preprocessing_reference.py): fitted on the
/// training rows, applied to the test rows.
/// </summary>
public sealed class ScalerTests
{
    public static TheoryData<string> StandardCases => ["standard.diabetes", "standard.wine.nomean", "standard.breast.nostd", "standard.diabetes_masked", "standard.wine_constant"];

    public static TheoryData<string> MinMaxCases => ["minmax.breast", "minmax.wine.range_clip", "minmax.diabetes_masked", "minmax.wine_constant"];

    public static TheoryData<string> RobustCases => ["robust.energy", "robust.diabetes.q10_90_unit", "robust.breast.nocenter", "robust.diabetes_masked", "robust.wine_constant"];

    public static TheoryData<string> MaxAbsCases => ["maxabs.wine", "maxabs.energy", "maxabs.diabetes_masked"];

    [Theory]
    [MemberData(nameof(StandardCases))]
    public void StandardScaler_MatchesScikitLearn(string key)
    {
        var (train, test) = Data(key);
        var scaler = key switch
        {
            "standard.wine.nomean" => new StandardScaler { WithMean = false },
            "standard.breast.nostd" => new StandardScaler { WithStd = false },
            _ => new StandardScaler(),
        };

        var fitted = scaler.Fit(train);

        Reference.Numbers(key + ".n", fitted.SampleCounts);
        Reference.Numbers(key + ".mean", fitted.Mean!);
        if (scaler.WithStd)
        {
            Reference.Numbers(key + ".var", fitted.Variance!);
            Reference.Numbers(key + ".scale", fitted.Scale!);
        }
        else
        {
            fitted.Variance.Should().BeNull();
            fitted.Scale.Should().BeNull();
        }

        Reference.Summary(key + ".test", fitted.Transform(test));
    }

    [Theory]
    [MemberData(nameof(MinMaxCases))]
    public void MinMaxScaler_MatchesScikitLearn(string key)
    {
        var (train, test) = Data(key);
        var scaler = key == "minmax.wine.range_clip" ? new MinMaxScaler { FeatureRange = (-1, 1), Clip = true } : new MinMaxScaler();

        var fitted = scaler.Fit(train);

        Reference.Numbers(key + ".data_min", fitted.DataMin);
        Reference.Numbers(key + ".data_max", fitted.DataMax);
        Reference.Numbers(key + ".data_range", fitted.DataRange);
        Reference.Numbers(key + ".scale", fitted.Scale);
        Reference.Numbers(key + ".min", fitted.Offset);
        Reference.Summary(key + ".test", fitted.Transform(test));
    }

    [Theory]
    [MemberData(nameof(RobustCases))]
    public void RobustScaler_MatchesScikitLearn(string key)
    {
        var (train, test) = Data(key);
        var scaler = key switch
        {
            "robust.diabetes.q10_90_unit" => new RobustScaler { QuantileRange = (10, 90), UnitVariance = true },
            "robust.breast.nocenter" => new RobustScaler { WithCentering = false },
            _ => new RobustScaler(),
        };

        var fitted = scaler.Fit(train);

        if (scaler.WithCentering)
        {
            Reference.Numbers(key + ".center", fitted.Center!);
        }
        else
        {
            fitted.Center.Should().BeNull();
        }

        Reference.Numbers(key + ".scale", fitted.Scale!);
        Reference.Summary(key + ".test", fitted.Transform(test));
    }

    [Theory]
    [MemberData(nameof(MaxAbsCases))]
    public void MaxAbsScaler_MatchesScikitLearn(string key)
    {
        var (train, test) = Data(key);

        var fitted = new MaxAbsScaler().Fit(train);

        Reference.Numbers(key + ".max_abs", fitted.MaxAbs);
        Reference.Numbers(key + ".scale", fitted.Scale);
        Reference.Summary(key + ".test", fitted.Transform(test));
    }

    [Fact]
    public void ConstantColumn_IsScaledByOne()
    {
        var (train, test) = PreprocessingData.WineConstant();

        var standard = new StandardScaler().Fit(train);
        var minMax = new MinMaxScaler().Fit(train);
        var robust = new RobustScaler().Fit(train);

        standard.Scale![^1].Should().Be(1.0);
        standard.Transform(test).Numeric("constant")[0].Should().Be(3.0 - 3.5);
        minMax.Scale[^1].Should().Be(1.0);
        minMax.Transform(train).Numeric("constant").Values.Should().AllSatisfy(v => v.Should().Be(0.0));
        robust.Scale![^1].Should().Be(1.0);
    }

    [Fact]
    public void OnlyTheChosenColumnsAreScaled_OthersPassThroughInPlace()
    {
        var table = new TabularData([
            new NumericColumn("a", [1.0, 2.0, 3.0]),
            new CategoricalColumn("c", ["x", null, "y"]),
            new NumericColumn("b", [10.0, 20.0, double.NaN]),
        ]);

        var output = new StandardScaler { Columns = ["b"] }.Fit(table).Transform(table);

        output.ColumnNames.Should().Equal("a", "c", "b");
        output.Numeric("a").Values.Should().Equal(1.0, 2.0, 3.0);
        output.Categorical("c").Values.Should().Equal("x", null, "y");
        output.Numeric("b").Values.Should().Equal(-1.0, 1.0, double.NaN);
    }

    [Fact]
    public void AllMissingColumn_CannotBeFitted()
    {
        var table = new TabularData([new NumericColumn("empty", [double.NaN, double.NaN]), new NumericColumn("b", [1.0, 2.0])]);

        foreach (var scaler in new ITransformEstimator[] { new StandardScaler(), new MinMaxScaler(), new RobustScaler(), new MaxAbsScaler() })
        {
            var act = () => scaler.Fit(table);
            act.Should().Throw<ArgumentException>().WithMessage("Column 'empty' has no non-missing value*");
        }
    }

    [Fact]
    public void CategoricalOrAbsentColumn_IsNamedInTheError()
    {
        var table = new TabularData([new CategoricalColumn("c", ["x"]), new NumericColumn("b", [1.0])]);
        var fitted = new StandardScaler().Fit(table);

        var categorical = () => new StandardScaler { Columns = ["c"] }.Fit(table);
        var absent = () => fitted.Transform(new TabularData([new NumericColumn("a", [1.0])]));

        categorical.Should().Throw<ArgumentException>().WithMessage("Column 'c' is categorical*");
        absent.Should().Throw<ArgumentException>().WithMessage("Column 'b', which the standard-scaler uses, is not in the table.*");
    }

    [Fact]
    public void InvalidOptions_AreRejected()
    {
        var range = () => new MinMaxScaler { FeatureRange = (1, 1) };
        var quantiles = () => new RobustScaler { QuantileRange = (80, 20) };

        range.Should().Throw<ArgumentException>().WithMessage("FeatureRange*");
        quantiles.Should().Throw<ArgumentException>().WithMessage("QuantileRange*");
    }

    private static (TabularData Train, TabularData Test) Data(string key) => key.Split('.')[1] switch
    {
        "diabetes" => PreprocessingData.Diabetes(),
        "diabetes_masked" => PreprocessingData.DiabetesMasked(),
        "breast" => PreprocessingData.BreastCancer(),
        "wine" => PreprocessingData.Wine(),
        "wine_constant" => PreprocessingData.WineConstant(),
        "energy" => PreprocessingData.Energy(),
        var other => throw new ArgumentException(other),
    };
}
