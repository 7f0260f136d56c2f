using MultiTask.Weighting;

namespace MultiTask.Tests.Weighting;

/// <summary>Hyperparameters: validated where they are set, defaults stated once, and their JSON for checkpoints.</summary>
public sealed class HyperparameterTests
{
    [Fact]
    public void Hyperparameters_AreThePublicPropertiesOfTheMethod_EnumsByName()
    {
        // CAGrad's documented defaults: c = 0.5, normEps = 1e-4 (torchjd), rescale 1/(1 + c²) (LibMTL).
        new CAGrad().Hyperparameters().ToJsonString().Should().Be("""{"C":0.5,"NormEps":0.0001,"Rescale":"OnePlusCSquared"}""");
        new PCGrad().Hyperparameters().ToJsonString().Should().Be("{}");
        Weightings.Static(1, 0.5).Hyperparameters().ToJsonString().Should().Be("""{"Weights":[1,0.5]}""");
    }

    [Fact]
    public void Factory_OmittedParameters_KeepTheMethodsDefaults()
    {
        var moco = Weightings.MoCo(gamma: 0.2);

        // LibMTL's MoCo defaults: β 0.5, σβ 0.5, σγ 0.5, ρ 0.
        (moco.Beta, moco.BetaSigma, moco.Gamma, moco.GammaSigma, moco.Rho).Should().Be((0.5, 0.5, 0.2, 0.5, 0.0));
        Weightings.SmoothTchebycheff(warmupEpochs: 1).Mu.Should().Be(1.0);
    }

    [Fact]
    public void Within_OutOfRange_MessageNamesThePropertyAndTheRange()
    {
        var act = () => new GradDrop { Leak = 1.5 };

        act.Should().Throw<ArgumentOutOfRangeException>().WithParameterName("Leak").WithMessage("Leak must be in [0, 1]; got 1.5.*");
    }
}
