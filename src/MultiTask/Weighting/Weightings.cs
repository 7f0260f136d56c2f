namespace MultiTask.Weighting;

/// <summary>
/// Factories of the task-balancing methods, for <c>new MultiTaskTrainer(model, options, Weightings.X())</c>. A
/// parameter left null keeps the method's default (documented on the method's property of the same name); the methods
/// can also be created directly with object initialisers, e.g. <c>new DynamicWeightAverage { Temperature = 3 }</c>.
/// A method object holds no run state, so one object may be given to several trainers.
/// </summary>
public static class Weightings
{
    /// <summary>Equal weighting (EW): the sum of the task losses, or their mean.</summary>
    /// <param name="mean"><see cref="EqualWeighting.Mean"/>.</param>
    public static EqualWeighting Equal(bool? mean = null) => Make<EqualWeighting>(m => new() { Mean = mean ?? m.Mean });

    /// <summary>Fixed task weights (task prioritisation), in task order.</summary>
    /// <param name="weights"><see cref="StaticWeighting.Weights"/>: one weight per task, each finite and ≥ 0.</param>
    public static StaticWeighting Static(params double[] weights) => new() { Weights = weights };

    /// <summary>Uncertainty weighting (Kendall et al., CVPR 2018).</summary>
    /// <param name="initialLogVariance"><see cref="UncertaintyWeighting.InitialLogVariance"/>.</param>
    public static UncertaintyWeighting Uncertainty(double? initialLogVariance = null)
        => Make<UncertaintyWeighting>(m => new() { InitialLogVariance = initialLogVariance ?? m.InitialLogVariance });

    /// <summary>Dynamic Weight Average (Liu et al., CVPR 2019).</summary>
    /// <param name="temperature"><see cref="Weighting.DynamicWeightAverage.Temperature"/>.</param>
    public static DynamicWeightAverage DynamicWeightAverage(double? temperature = null)
        => Make<DynamicWeightAverage>(m => new() { Temperature = temperature ?? m.Temperature });

    /// <summary>Geometric Loss Strategy (Chennupati et al., CVPR-W 2019).</summary>
    public static GeometricLossStrategy GeometricLoss() => new();

    /// <summary>Random Loss Weighting (Lin et al., TMLR 2022).</summary>
    public static RandomLossWeighting RandomLoss() => new();

    /// <summary>Scale-invariant (log) loss.</summary>
    /// <param name="epsilon"><see cref="ScaleInvariantWeighting.Epsilon"/>.</param>
    public static ScaleInvariantWeighting ScaleInvariant(double? epsilon = null)
        => Make<ScaleInvariantWeighting>(m => new() { Epsilon = epsilon ?? m.Epsilon });

    /// <summary>Smooth Tchebycheff scalarisation (Lin et al., ICML 2024).</summary>
    /// <param name="mu"><see cref="Weighting.SmoothTchebycheff.Mu"/>.</param>
    /// <param name="warmupEpochs"><see cref="Weighting.SmoothTchebycheff.WarmupEpochs"/>.</param>
    public static SmoothTchebycheff SmoothTchebycheff(double? mu = null, int? warmupEpochs = null)
        => Make<SmoothTchebycheff>(m => new() { Mu = mu ?? m.Mu, WarmupEpochs = warmupEpochs ?? m.WarmupEpochs });

    /// <summary>FAMO (Liu et al., NeurIPS 2023).</summary>
    /// <param name="learningRate"><see cref="Weighting.Famo.LearningRate"/>.</param>
    /// <param name="weightDecay"><see cref="Weighting.Famo.WeightDecay"/>.</param>
    public static Famo Famo(double? learningRate = null, double? weightDecay = null)
        => Make<Famo>(m => new() { LearningRate = learningRate ?? m.LearningRate, WeightDecay = weightDecay ?? m.WeightDecay });

    /// <summary>IMTL-L (Liu et al., ICLR 2021).</summary>
    public static ImtlL ImtlL() => new();

    /// <summary>GradNorm (Chen et al., ICML 2018).</summary>
    /// <param name="alpha"><see cref="Weighting.GradNorm.Alpha"/>.</param>
    public static GradNorm GradNorm(double? alpha = null) => Make<GradNorm>(m => new() { Alpha = alpha ?? m.Alpha });

    /// <summary>MGDA, the min-norm point of the task gradients (Sener and Koltun, NeurIPS 2018); with representation gradients, MGDA-UB.</summary>
    /// <param name="normalization"><see cref="Weighting.Mgda.Normalization"/>.</param>
    public static Mgda Mgda(MgdaNormalization? normalization = null)
        => Make<Mgda>(m => new() { Normalization = normalization ?? m.Normalization });

    /// <summary>PCGrad, projecting conflicting gradients (Yu et al., NeurIPS 2020).</summary>
    public static PCGrad PCGrad() => new();

    /// <summary>GradVac, gradient vaccine (Wang et al., ICLR 2021).</summary>
    /// <param name="beta"><see cref="Weighting.GradVac.Beta"/>.</param>
    public static GradVac GradVac(double? beta = null) => Make<GradVac>(m => new() { Beta = beta ?? m.Beta });

    /// <summary>IMTL-G (Liu et al., ICLR 2021).</summary>
    public static ImtlG ImtlG() => new();

    /// <summary>CAGrad, conflict-averse gradient descent (Liu et al., NeurIPS 2021).</summary>
    /// <param name="c"><see cref="Weighting.CAGrad.C"/>.</param>
    /// <param name="rescale"><see cref="Weighting.CAGrad.Rescale"/>.</param>
    public static CAGrad CAGrad(double? c = null, CAGradRescale? rescale = null)
        => Make<CAGrad>(m => new() { C = c ?? m.C, Rescale = rescale ?? m.Rescale });

    /// <summary>Nash-MTL (Navon et al., ICML 2022).</summary>
    /// <param name="maxNorm"><see cref="Weighting.NashMtl.MaxNorm"/>.</param>
    /// <param name="updateWeightsEvery"><see cref="Weighting.NashMtl.UpdateWeightsEvery"/>.</param>
    public static NashMtl NashMtl(double? maxNorm = null, int? updateWeightsEvery = null)
        => Make<NashMtl>(m => new() { MaxNorm = maxNorm ?? m.MaxNorm, UpdateWeightsEvery = updateWeightsEvery ?? m.UpdateWeightsEvery });

    /// <summary>Aligned-MTL (Senushkin et al., CVPR 2023).</summary>
    /// <param name="scale"><see cref="Weighting.AlignedMtl.Scale"/>.</param>
    /// <param name="preference"><see cref="Weighting.AlignedMtl.Preference"/>.</param>
    public static AlignedMtl AlignedMtl(AlignedMtlScale? scale = null, AlignedMtlPreference? preference = null)
        => Make<AlignedMtl>(m => new() { Scale = scale ?? m.Scale, Preference = preference ?? m.Preference });

    /// <summary>UPGrad (Quinton and Rey, 2024).</summary>
    public static UpGrad UpGrad() => new();

    /// <summary>DualProj: the mean gradient projected onto the dual cone (torchjd; GEM, Lopez-Paz and Ranzato, NeurIPS 2017).</summary>
    public static DualProj DualProj() => new();

    /// <summary>ConFIG, conflict-free inverse gradients (Liu, Chu and Thuerey, 2024).</summary>
    public static ConFig ConFig() => new();

    /// <summary>FairGrad (Ban and Ji, ICML 2024).</summary>
    /// <param name="alpha"><see cref="Weighting.FairGrad.Alpha"/>.</param>
    public static FairGrad FairGrad(double? alpha = null) => Make<FairGrad>(m => new() { Alpha = alpha ?? m.Alpha });

    /// <summary>MoCo (Fernando et al., ICLR 2023).</summary>
    /// <param name="beta"><see cref="Weighting.MoCo.Beta"/>.</param>
    /// <param name="betaSigma"><see cref="Weighting.MoCo.BetaSigma"/>.</param>
    /// <param name="gamma"><see cref="Weighting.MoCo.Gamma"/>.</param>
    /// <param name="gammaSigma"><see cref="Weighting.MoCo.GammaSigma"/>.</param>
    /// <param name="rho"><see cref="Weighting.MoCo.Rho"/>.</param>
    public static MoCo MoCo(double? beta = null, double? betaSigma = null, double? gamma = null, double? gammaSigma = null, double? rho = null)
        => Make<MoCo>(m => new()
        {
            Beta = beta ?? m.Beta,
            BetaSigma = betaSigma ?? m.BetaSigma,
            Gamma = gamma ?? m.Gamma,
            GammaSigma = gammaSigma ?? m.GammaSigma,
            Rho = rho ?? m.Rho,
        });

    /// <summary>DB-MTL, dual balancing (Lin et al., arXiv 2308.12029, 2023).</summary>
    /// <param name="beta"><see cref="Weighting.DbMtl.Beta"/>.</param>
    /// <param name="betaSigma"><see cref="Weighting.DbMtl.BetaSigma"/>.</param>
    public static DbMtl DbMtl(double? beta = null, double? betaSigma = null)
        => Make<DbMtl>(m => new() { Beta = beta ?? m.Beta, BetaSigma = betaSigma ?? m.BetaSigma });

    /// <summary>ExcessMTL (He et al., ICML 2024).</summary>
    /// <param name="robustStepSize"><see cref="Weighting.ExcessMtl.RobustStepSize"/>.</param>
    public static ExcessMtl ExcessMtl(double? robustStepSize = null)
        => Make<ExcessMtl>(m => new() { RobustStepSize = robustStepSize ?? m.RobustStepSize });

    /// <summary>Gradient Sign Dropout (Chen et al., NeurIPS 2020); needs <see cref="Training.GradientSource.Representation"/>.</summary>
    /// <param name="leak"><see cref="Weighting.GradDrop.Leak"/>.</param>
    public static GradDrop GradDrop(double? leak = null) => Make<GradDrop>(m => new() { Leak = leak ?? m.Leak });

    /// <summary>Builds a method from one with every default, so that omitted parameters keep the defaults stated on the properties.</summary>
    private static T Make<T>(Func<T, T> withDefaults)
        where T : WeightingMethod, new()
        => withDefaults(new T());
}
