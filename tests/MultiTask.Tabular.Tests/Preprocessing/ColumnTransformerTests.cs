using MultiTask.Tabular;
using MultiTask.Tabular.Preprocessing;

namespace MultiTask.Tabular.Tests.Preprocessing;

/// <summary>ColumnTransformer against scikit-learn 1.2.1 on adult (numeric values masked as in the reference script).</summary>
public sealed class ColumnTransformerTests
{
    [Fact]
    public void NumericAndCategoricalPipelines_MatchScikitLearn()
    {
        var (train, test) = PreprocessingData.Adult();
        var transformer = new ColumnTransformer()
            .Add("num", new Pipeline(new SimpleImputer { Strategy = ImputationStrategy.Median }, new StandardScaler()), ColumnKind.Numeric)
            .Add("cat", new Pipeline(
                new SimpleImputer { Strategy = ImputationStrategy.MostFrequent },
                new OneHotEncoder { HandleUnknown = UnknownCategoryHandling.Ignore, MinFrequency = 50 }), ColumnKind.Categorical);

        var fitted = transformer.Fit(PreprocessingData.AdultFeaturesMasked(train));
        var output = fitted.Transform(PreprocessingData.AdultFeaturesMasked(test));

        var numeric = (FittedPipeline)fitted.Steps[0]!;
        fitted.GroupColumns[0].Should().Equal(PreprocessingData.AdultNumeric);
        fitted.GroupColumns[1].Should().Equal(PreprocessingData.AdultCategorical);
        Reference.Numbers("ct.adult.num.median", ((FittedSimpleImputer)numeric.Steps[0]).Statistics);
        Reference.Numbers("ct.adult.num.mean", ((FittedStandardScaler)numeric.Steps[1]).Mean!);
        Reference.Numbers("ct.adult.num.scale", ((FittedStandardScaler)numeric.Steps[1]).Scale!);
        Reference.Names("ct.adult.names", output.ColumnNames);
        Reference.Summary("ct.adult.test", output);
    }

    [Fact]
    public void RemainderPassthrough_WithPrefixedNames_MatchesScikitLearn()
    {
        var (train, test) = PreprocessingData.Adult();
        string[] columns = ["age", "fnlwgt", "education-num", "capital-gain", "workclass", "education"];
        var transformer = new ColumnTransformer { Remainder = RemainderPolicy.Passthrough, PrefixOutputNames = true }
            .Add("num", new RobustScaler(), "age", "fnlwgt")
            .Add("cat", new OrdinalEncoder(), "workclass", "education");

        var fitted = transformer.Fit(PreprocessingData.AdultFeaturesMasked(train).Select(columns));
        var output = fitted.Transform(PreprocessingData.AdultFeaturesMasked(test).Select(columns));

        fitted.RemainderColumns.Should().Equal("education-num", "capital-gain");
        Reference.Names("ct.adult_passthrough.names", output.ColumnNames);
        Reference.Summary("ct.adult_passthrough.test", output);
    }

    [Fact]
    public void RemainderDrop_AndEmptyGroups_AndNameCollisions()
    {
        var table = new TabularData([new NumericColumn("a", [1.0, 3.0]), new NumericColumn("b", [2.0, 4.0])]);

        var dropped = new ColumnTransformer().Add("a", new MinMaxScaler(), "a").Add("none", new OneHotEncoder(), ColumnKind.Categorical).Fit(table);
        var collide = new ColumnTransformer().Add("x", new MinMaxScaler(), "a").Add("y", new MaxAbsScaler(), "a").Fit(table);

        dropped.Transform(table).ColumnNames.Should().Equal("a");
        dropped.Steps[1].Should().BeNull();
        var act = () => collide.Transform(table);
        act.Should().Throw<InvalidOperationException>().WithMessage("Output column 'a' comes from both 'x' and 'y'*");
    }

    [Fact]
    public void MissingColumnAtTransform_IsNamed()
    {
        var table = new TabularData([new NumericColumn("a", [1.0, 3.0]), new NumericColumn("b", [2.0, 4.0])]);
        var fitted = new ColumnTransformer().Add("g", new StandardScaler(), "b").Fit(table);

        var act = () => fitted.Transform(table.Select(["a"]));

        act.Should().Throw<ArgumentException>().WithMessage("Column 'b', which the column transformer's group 'g' uses, is not in the table.*");
    }

    [Fact]
    public void BadGroups_AreRejected()
    {
        var transformer = new ColumnTransformer().Add("g", new StandardScaler(), "a");

        var duplicate = () => transformer.Add("g", new StandardScaler(), "b");
        var reserved = () => transformer.Add("a__b", new StandardScaler(), "b");
        var empty = () => new ColumnTransformer().Fit(new TabularData([new NumericColumn("a", [1.0])]));

        duplicate.Should().Throw<ArgumentException>().WithMessage("Group name 'g'*");
        reserved.Should().Throw<ArgumentException>();
        empty.Should().Throw<InvalidOperationException>();
    }
}
