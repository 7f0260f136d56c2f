using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.Tests.Preprocessing;

/// <summary>OneHotEncoder and OrdinalEncoder against scikit-learn 1.2.1 on adult's eight categorical columns.</summary>
public sealed class EncoderTests
{
    public static TheoryData<string> OneHotCases =>
    [
        "onehot.adult", "onehot.adult.fraction_infrequent", "onehot.adult.max5_min100", "onehot.adult_reverse.ignore",
        "onehot.adult_reverse.infrequent",
    ];

    [Theory]
    [MemberData(nameof(OneHotCases))]
    public void OneHotEncoder_MatchesScikitLearn(string key)
    {
        var (train, test) = Categorical(key);
        var encoder = key switch
        {
            "onehot.adult" => new OneHotEncoder(),
            "onehot.adult.fraction_infrequent" => new OneHotEncoder { MinFrequencyFraction = 0.01, HandleUnknown = UnknownCategoryHandling.InfrequentIfExist },
            "onehot.adult.max5_min100" => new OneHotEncoder { MaxCategories = 5, MinFrequency = 100 },
            "onehot.adult_reverse.ignore" => new OneHotEncoder { HandleUnknown = UnknownCategoryHandling.Ignore },
            "onehot.adult_reverse.infrequent" => new OneHotEncoder { HandleUnknown = UnknownCategoryHandling.InfrequentIfExist, MinFrequency = 50 },
            _ => throw new ArgumentException(key),
        };

        var fitted = encoder.Fit(train);
        var output = fitted.Transform(test);

        for (int j = 0; j < fitted.Columns.Count; j++)
        {
            Reference.Names($"{key}.categories.{fitted.Columns[j]}", fitted.Categories[j]);
            if (SklearnReference.Names.ContainsKey($"{key}.infrequent.{fitted.Columns[j]}"))
            {
                Reference.Names($"{key}.infrequent.{fitted.Columns[j]}", fitted.InfrequentCategories[j]);
            }
        }

        Reference.Names(key + ".names", fitted.OutputColumns);
        output.ColumnNames.Should().Equal(fitted.OutputColumns);
        Reference.Summary(key + ".test", output);
    }

    [Fact]
    public void UnseenCategory_IsAnErrorByDefault_AndNamesColumnRowAndValue()
    {
        var (train, test) = PreprocessingData.Adult();
        var fitted = new OneHotEncoder { Columns = ["native-country"] }.Fit(test);
        var ordinal = new OrdinalEncoder { Columns = ["native-country"] }.Fit(test);
        Reference.Names("onehot.adult_reverse.unseen", ["Holand-Netherlands"]);
        int row = train.Categorical("native-country").Values.ToList().IndexOf("Holand-Netherlands");

        var oneHot = () => fitted.Transform(train);
        var codes = () => ordinal.Transform(train);

        oneHot.Should().Throw<ArgumentException>().WithMessage($"Column 'native-country', row {row}: category 'Holand-Netherlands' was not seen when the one-hot-encoder was fitted*");
        codes.Should().Throw<ArgumentException>().WithMessage($"Column 'native-country', row {row}: category 'Holand-Netherlands' was not seen when the ordinal-encoder was fitted*");
    }

    [Fact]
    public void UnseenCategory_IgnoredIsAllZeros_InfrequentIfExistGoesToTheInfrequentColumn()
    {
        var train = new TabularData([new CategoricalColumn("c", ["a", "a", "a", "b", "b", "b", "z"])]);
        var test = new TabularData([new CategoricalColumn("c", ["new", "z", "a"])]);

        var ignore = new OneHotEncoder { HandleUnknown = UnknownCategoryHandling.Ignore, MinFrequency = 2 }.Fit(train).Transform(test);
        var infrequent = new OneHotEncoder { HandleUnknown = UnknownCategoryHandling.InfrequentIfExist, MinFrequency = 2 }.Fit(train).Transform(test);
        var noInfrequent = new OneHotEncoder { HandleUnknown = UnknownCategoryHandling.InfrequentIfExist }.Fit(train).Transform(test);

        ignore.ColumnNames.Should().Equal("c_a", "c_b", "c_infrequent_sklearn");
        Row(ignore, 0).Should().Equal(0.0, 0.0, 0.0);
        Row(ignore, 1).Should().Equal(0.0, 0.0, 1.0);
        Row(infrequent, 0).Should().Equal(0.0, 0.0, 1.0);
        Row(noInfrequent, 0).Should().Equal(0.0, 0.0, 0.0);
    }

    [Fact]
    public void MissingValues_AreACategory_OrAnErrorWhenAsked()
    {
        var train = new TabularData([new CategoricalColumn("c", ["b", null, "a"]), new NumericColumn("x", [1.0, 2.0, 3.0])]);

        var fitted = new OneHotEncoder().Fit(train);
        var strict = () => new OneHotEncoder { MissingAsCategory = false }.Fit(train);
        var unseenMissing = () => new OneHotEncoder().Fit(train.TakeRows([0, 2])).Transform(train);

        fitted.Transform(train).ColumnNames.Should().Equal("c_a", "c_b", "c_nan", "x");
        Row(fitted.Transform(train), 1).Should().Equal(0.0, 0.0, 1.0, 2.0);
        strict.Should().Throw<ArgumentException>().WithMessage("Column 'c' has missing values*");
        unseenMissing.Should().Throw<ArgumentException>().WithMessage("Column 'c', row 1: a missing value was not seen*");
    }

    [Theory]
    [InlineData("ordinal.adult")]
    [InlineData("ordinal.adult_reverse.unknown")]
    public void OrdinalEncoder_MatchesScikitLearn(string key)
    {
        var (train, test) = Categorical(key);
        var encoder = key == "ordinal.adult" ? new OrdinalEncoder() : new OrdinalEncoder { UnknownValue = -1, EncodedMissingValue = -2 };

        var fitted = encoder.Fit(train);
        var output = fitted.Transform(test);

        for (int j = 0; j < fitted.Columns.Count; j++)
        {
            Reference.Names($"{key}.categories.{fitted.Columns[j]}", fitted.Categories[j]);
        }

        output.ColumnNames.Should().Equal(PreprocessingData.AdultCategorical);
        Reference.Summary(key + ".test", output);
    }

    [Fact]
    public void OrdinalEncoder_RejectsCodesThatCollideWithCategories()
    {
        var train = new TabularData([new CategoricalColumn("c", ["a", "b", "c"])]);

        var unknown = () => new OrdinalEncoder { UnknownValue = 1 }.Fit(train);
        var missing = () => new OrdinalEncoder { EncodedMissingValue = 0 }.Fit(train);
        var fraction = () => new OrdinalEncoder { UnknownValue = 0.5 };

        unknown.Should().Throw<ArgumentException>().WithMessage("UnknownValue 1 is already the code of category 'b' of column 'c'.*");
        missing.Should().Throw<ArgumentException>().WithMessage("EncodedMissingValue 0 is already the code of category 'a'*");
        fraction.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void EncodingANumericColumn_IsAnError()
    {
        var table = new TabularData([new NumericColumn("x", [1.0])]);

        var act = () => new OneHotEncoder { Columns = ["x"] }.Fit(table);

        act.Should().Throw<ArgumentException>().WithMessage("Column 'x' is numeric; the one-hot-encoder needs a categorical column.*");
    }

    private static double[] Row(TabularData table, int row) => table.Columns.Select(c => ((NumericColumn)c)[row]).ToArray();

    private static (TabularData Train, TabularData Test) Categorical(string key)
    {
        var (train, test) = PreprocessingData.Adult();
        var pair = (train.Select(PreprocessingData.AdultCategorical), test.Select(PreprocessingData.AdultCategorical));
        return key.Contains("reverse") ? (pair.Item2, pair.Item1) : pair;
    }
}
