using System.Text.Json.Nodes;
using MultiTask.Tabular;
using MultiTask.Tabular.FeatureSelection;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.Tests.Preprocessing;

/// <summary>Every fitted kind survives ToJson → text → FittedTransforms.FromJson with an identical Transform output.</summary>
public sealed class FittedTransformRoundTripTests
{
    private static readonly Dictionary<string, Func<(IFittedTransform Fitted, TabularData Input)>> Cases = new()
    {
        ["standard-scaler"] = () => Adult(new StandardScaler { WithMean = false }),
        ["min-max-scaler"] = () => Adult(new MinMaxScaler { FeatureRange = (-2, 3), Clip = true }),
        ["robust-scaler"] = () => Adult(new RobustScaler { QuantileRange = (10, 90), WithCentering = false }),
        ["max-abs-scaler"] = () => Adult(new MaxAbsScaler()),
        ["simple-imputer"] = () => Adult(new SimpleImputer { Strategy = ImputationStrategy.MostFrequent, AddIndicator = true }),
        ["knn-imputer"] = () => Diabetes(new KnnImputer { Weights = KnnWeighting.Distance, AddIndicator = true, KeepEmptyFeatures = true }),
        ["one-hot-encoder"] = () => Adult(new OneHotEncoder { MinFrequency = 100, MaxCategories = 6, HandleUnknown = UnknownCategoryHandling.InfrequentIfExist }),
        ["ordinal-encoder"] = () => Adult(new OrdinalEncoder { UnknownValue = double.NaN, EncodedMissingValue = -1 }),
        ["column-transformer"] = () => Adult(new ColumnTransformer { Remainder = RemainderPolicy.Passthrough, PrefixOutputNames = true }
            .Add("num", new Pipeline(new SimpleImputer(), new StandardScaler()), "age", "hours-per-week")
            .Add("cat", new OneHotEncoder { HandleUnknown = UnknownCategoryHandling.Ignore }, ColumnKind.Categorical)),
        ["pipeline"] = () => Adult(new Pipeline(new SimpleImputer { Strategy = ImputationStrategy.Constant }, new OrdinalEncoder { UnknownValue = -1 }, new MinMaxScaler())),
        ["column-selection"] = () => (new FittedColumnSelection(["age", "fnlwgt", "sex"], ["fnlwgt"], [0.1, 0.9, 0.2]), AdultRows()),
    };

    public static TheoryData<string> Kinds => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void JsonRoundTrip_GivesTheSameTransform(string kind)
    {
        var (fitted, input) = Cases[kind]();

        string text = fitted.ToJson().ToJsonString();
        var restored = FittedTransforms.FromJson((JsonObject)JsonNode.Parse(text)!);

        fitted.Kind.Should().Be(kind);
        restored.Should().BeOfType(fitted.GetType());
        restored.ToJson().ToJsonString().Should().Be(text);
        AssertSame(restored.Transform(input), fitted.Transform(input));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void UnknownField_IsAFormatError_NamingTheFieldAndTheKind(string kind)
    {
        var json = Cases[kind]().Fitted.ToJson();
        json["zz_extra"] = 1;

        var act = () => FittedTransforms.FromJson(json);

        act.Should().Throw<FormatException>().WithMessage($"Invalid JSON for a '{kind}' step: 'zz_extra' is not a field this library knows; the known fields are 'kind', *");
    }

    [Fact]
    public void UnknownFieldOfANestedStep_NamesTheNestedKind()
    {
        var json = Cases["pipeline"]().Fitted.ToJson();
        json["steps"]![1]!["colour"] = "red";

        var act = () => FittedTransforms.FromJson(json);

        act.Should().Throw<FormatException>().WithMessage("Invalid JSON for a 'ordinal-encoder' step: 'colour' is not a field this library knows*");
    }

    [Fact]
    public void EveryBuiltInKind_IsCovered()
    {
        PreprocessingReaders.All.Select(r => r.Key).Should().BeEquivalentTo(Cases.Keys);
    }

    [Fact]
    public void UnknownKindOrBrokenJson_IsAFormatError()
    {
        var unknown = () => FittedTransforms.FromJson(new JsonObject { ["kind"] = "nope" });
        var broken = () => FittedTransforms.FromJson(new JsonObject { ["kind"] = "standard-scaler", ["columns"] = new JsonArray("a") });
        var lengths = () => FittedTransforms.FromJson(new JsonObject
        {
            ["kind"] = "max-abs-scaler",
            ["columns"] = new JsonArray("a", "b"),
            ["max_abs"] = new JsonArray(1.0),
        });

        unknown.Should().Throw<FormatException>().WithMessage("Unknown input transform kind 'nope': the package 'MultiTask.Tabular' does not provide it*");
        broken.Should().Throw<FormatException>().WithMessage("Invalid JSON for a 'standard-scaler' step: it lacks 'with_mean'.");
        lengths.Should().Throw<FormatException>().WithMessage("Invalid JSON for a 'max-abs-scaler' step: 'max_abs' has 1 entries; expected 2.");
    }

    private static TabularData AdultRows()
    {
        var (train, _) = PreprocessingData.Adult();
        return PreprocessingData.AdultFeaturesMasked(train.TakeRows(Enumerable.Range(0, 2000).ToArray()));
    }

    private static (IFittedTransform, TabularData) Adult(ITransformEstimator estimator)
    {
        var rows = AdultRows();
        return (estimator.Fit(rows.TakeRows(Enumerable.Range(0, 1500).ToArray())), rows);
    }

    private static (IFittedTransform, TabularData) Diabetes(ITransformEstimator estimator)
    {
        var (train, test) = PreprocessingData.DiabetesEmpty();
        return (estimator.Fit(train), test);
    }

    private static void AssertSame(TabularData actual, TabularData expected)
    {
        actual.ColumnNames.Should().Equal(expected.ColumnNames);
        for (int j = 0; j < expected.Columns.Count; j++)
        {
            switch (expected.Columns[j])
            {
                case NumericColumn numeric:
                    ((NumericColumn)actual.Columns[j]).Values.Select(BitConverter.DoubleToInt64Bits)
                        .Should().Equal(numeric.Values.Select(BitConverter.DoubleToInt64Bits), "column '{0}' must not change", numeric.Name);
                    break;
                case CategoricalColumn categorical:
                    ((CategoricalColumn)actual.Columns[j]).Values.Should().Equal(categorical.Values);
                    break;
            }
        }
    }
}
