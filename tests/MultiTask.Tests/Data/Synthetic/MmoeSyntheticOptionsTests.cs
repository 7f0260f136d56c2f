using MultiTask.Data.Synthetic;

namespace MultiTask.Tests.Data.Synthetic;

/// <summary>Every setting is checked when it is set; the rule between two settings when generating.</summary>
public sealed class MmoeSyntheticOptionsTests
{
    public static TheoryData<string, Func<MmoeSyntheticOptions>, string> OutOfRange => new()
    {
        { nameof(MmoeSyntheticOptions.RowCount), () => new MmoeSyntheticOptions { RowCount = 0 }, "MmoeSyntheticOptions.RowCount must be ≥ 1; got 0." },
        { nameof(MmoeSyntheticOptions.FeatureCount), () => new MmoeSyntheticOptions { FeatureCount = 0 }, "MmoeSyntheticOptions.FeatureCount must be ≥ 1; got 0." },
        { nameof(MmoeSyntheticOptions.TaskCount), () => new MmoeSyntheticOptions { TaskCount = 1 }, "MmoeSyntheticOptions.TaskCount must be ≥ 2; got 1." },
        { nameof(MmoeSyntheticOptions.Correlation), () => new MmoeSyntheticOptions { Correlation = 1.5 }, "MmoeSyntheticOptions.Correlation must be in [−1, 1]; got 1.5." },
        { nameof(MmoeSyntheticOptions.Correlation), () => new MmoeSyntheticOptions { Correlation = -1.01 }, "MmoeSyntheticOptions.Correlation must be in [−1, 1]; got -1.01." },
        { nameof(MmoeSyntheticOptions.Scale), () => new MmoeSyntheticOptions { Scale = 0 }, "MmoeSyntheticOptions.Scale must be finite and > 0; got 0." },
        { nameof(MmoeSyntheticOptions.Scale), () => new MmoeSyntheticOptions { Scale = double.PositiveInfinity }, "MmoeSyntheticOptions.Scale must be finite and > 0; got Infinity." },
        { nameof(MmoeSyntheticOptions.SineTerms), () => new MmoeSyntheticOptions { SineTerms = -1 }, "MmoeSyntheticOptions.SineTerms must be ≥ 0; got -1." },
        { nameof(MmoeSyntheticOptions.NoiseStandardDeviation), () => new MmoeSyntheticOptions { NoiseStandardDeviation = -0.25 }, "MmoeSyntheticOptions.NoiseStandardDeviation must be finite and ≥ 0; got -0.25." },
        { nameof(MmoeSyntheticOptions.SineConstants), () => new MmoeSyntheticOptions { SineConstants = (MmoeSineConstants)2 }, "MmoeSyntheticOptions.SineConstants must be one of GoogleResearch, StandardNormal; got 2." },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void OutOfRangeSetting_ThrowsWhenSet_NamingSettingRangeAndValue(string setting, Func<MmoeSyntheticOptions> create, string message)
    {
        var error = create.Should().Throw<ArgumentOutOfRangeException>().Which;
        error.ParamName.Should().Be(setting);
        error.Message.Should().Match(message + "*");
    }

    [Fact]
    public void FewerFeaturesThanTasks_IsRejectedWhenGenerating_NamingBothSettings()
    {
        var options = new MmoeSyntheticOptions { RowCount = 3, FeatureCount = 2, TaskCount = 3 };

        var act = () => SyntheticTasks.Mmoe(options);

        act.Should().Throw<ArgumentException>().WithMessage("MmoeSyntheticOptions.FeatureCount (2) must be ≥ MmoeSyntheticOptions.TaskCount (3)*").Which.ParamName.Should().Be("options");
    }

    [Fact]
    public void AsManyFeaturesAsTasks_IsAllowed_AndGivesOneWeightVectorPerTaskOfThatLength()
    {
        var data = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 3, FeatureCount = 3, TaskCount = 3 });

        data.Weights.Select(w => w.Length).Should().Equal(3, 3, 3);
        data.Features.GetLength(0).Should().Be(3);
    }
}
