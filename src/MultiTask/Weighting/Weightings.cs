namespace MultiTask.Weighting;

/// <summary>
/// Factories of the task-balancing methods, for <c>new MultiTaskTrainer(model, options, Weightings.X())</c>.
/// Each call returns a new instance: a method is bound to one trainer.
/// </summary>
public static class Weightings
{
    /// <summary>Equal weighting (EW): the sum of the task losses, or their mean.</summary>
    /// <param name="mean">True for the mean. Default: false (sum, as LibMTL).</param>
    public static EqualWeighting Equal(bool mean = false) => new(mean);

    /// <summary>Fixed task weights (task prioritisation), in task order.</summary>
    /// <param name="weights">One weight per task, each finite and ≥ 0.</param>
    public static StaticWeighting Static(params double[] weights) => new(weights);

    /// <summary>Uncertainty weighting (Kendall et al., CVPR 2018).</summary>
    /// <param name="initialLogVariance">The initial log-variance sₜ. Default: −0.5.</param>
    public static UncertaintyWeighting Uncertainty(double initialLogVariance = -0.5) => new(initialLogVariance);

    /// <summary>Dynamic Weight Average (Liu et al., CVPR 2019).</summary>
    /// <param name="temperature">Default: 2.</param>
    public static DynamicWeightAverage DynamicWeightAverage(double temperature = 2.0) => new(temperature);

    /// <summary>Geometric Loss Strategy (Chennupati et al., CVPR-W 2019).</summary>
    public static GeometricLossStrategy GeometricLoss() => new();

    /// <summary>Random Loss Weighting (Lin et al., TMLR 2022).</summary>
    public static RandomLossWeighting RandomLoss() => new();

    /// <summary>Scale-invariant (log) loss.</summary>
    /// <param name="epsilon">Default: 1e-8.</param>
    public static ScaleInvariantWeighting ScaleInvariant(double epsilon = 1e-8) => new(epsilon);

    /// <summary>Smooth Tchebycheff scalarisation (Lin et al., ICML 2024).</summary>
    /// <param name="mu">Default: 1.</param>
    /// <param name="warmupEpochs">Default: 4.</param>
    public static SmoothTchebycheff SmoothTchebycheff(double mu = 1.0, int warmupEpochs = 4) => new(mu, warmupEpochs);

    /// <summary>FAMO (Liu et al., NeurIPS 2023).</summary>
    /// <param name="learningRate">Default: 0.025.</param>
    /// <param name="weightDecay">Default: 1e-3.</param>
    public static Famo Famo(double learningRate = 0.025, double weightDecay = 1e-3) => new(learningRate, weightDecay);

    /// <summary>IMTL-L (Liu et al., ICLR 2021).</summary>
    public static ImtlL ImtlL() => new();

    /// <summary>GradNorm (Chen et al., ICML 2018).</summary>
    /// <param name="alpha">Default: 1.5.</param>
    public static GradNorm GradNorm(double alpha = 1.5) => new(alpha);

    /// <summary>MGDA, the min-norm point of the task gradients (Sener and Koltun, NeurIPS 2018); with representation gradients, MGDA-UB.</summary>
    /// <param name="normalization">How each gradient is normalised first. Default: none.</param>
    public static Mgda Mgda(MgdaNormalization normalization = MgdaNormalization.None) => new(normalization);

    /// <summary>PCGrad, projecting conflicting gradients (Yu et al., NeurIPS 2020).</summary>
    public static PCGrad PCGrad() => new();

    /// <summary>GradVac, gradient vaccine (Wang et al., ICLR 2021).</summary>
    /// <param name="beta">EMA rate of the target cosines. Default: 0.5.</param>
    public static GradVac GradVac(double beta = 0.5) => new(beta);

    /// <summary>IMTL-G (Liu et al., ICLR 2021).</summary>
    public static ImtlG ImtlG() => new();

    /// <summary>CAGrad, conflict-averse gradient descent (Liu et al., NeurIPS 2021).</summary>
    /// <param name="c">Default: 0.5.</param>
    /// <param name="rescale">Default: divide by 1 + c² (LibMTL's 1).</param>
    public static CAGrad CAGrad(double c = 0.5, CAGradRescale rescale = CAGradRescale.OnePlusCSquared) => new(c, rescale);

    /// <summary>Nash-MTL (Navon et al., ICML 2022).</summary>
    /// <param name="maxNorm">Clips the update's norm; 0 for none. Default: 1.</param>
    /// <param name="updateWeightsEvery">Default: 1.</param>
    public static NashMtl NashMtl(double maxNorm = 1.0, int updateWeightsEvery = 1) => new(maxNorm, updateWeightsEvery);

    /// <summary>Aligned-MTL (Senushkin et al., CVPR 2023).</summary>
    /// <param name="scale">Default: min.</param>
    /// <param name="preference">Default: ones (LibMTL).</param>
    public static AlignedMtl AlignedMtl(AlignedMtlScale scale = AlignedMtlScale.Min, AlignedMtlPreference preference = AlignedMtlPreference.Ones) => new(scale, preference);

    /// <summary>UPGrad (Quinton and Rey, 2024).</summary>
    public static UpGrad UpGrad() => new();

    /// <summary>DualProj: the mean gradient projected onto the dual cone (torchjd; GEM, Lopez-Paz and Ranzato, NeurIPS 2017).</summary>
    public static DualProj DualProj() => new();

    /// <summary>ConFIG, conflict-free inverse gradients (Liu, Chu and Thuerey, 2024).</summary>
    public static ConFig ConFig() => new();

    /// <summary>FairGrad (Ban and Ji, ICML 2024).</summary>
    /// <param name="alpha">Default: 1.</param>
    public static FairGrad FairGrad(double alpha = 1.0) => new(alpha);

    /// <summary>MoCo (Fernando et al., ICLR 2023).</summary>
    /// <param name="beta">The step size of the tracking variable. Default: 0.5.</param>
    /// <param name="betaSigma">Its decay exponent. Default: 0.5.</param>
    /// <param name="gamma">The step size of the weights. Default: 0.1.</param>
    /// <param name="gammaSigma">Its decay exponent. Default: 0.5.</param>
    /// <param name="rho">The ℓ2 regularisation of the weight update. Default: 0.</param>
    public static MoCo MoCo(double beta = 0.5, double betaSigma = 0.5, double gamma = 0.1, double gammaSigma = 0.5, double rho = 0.0)
        => new(beta, betaSigma, gamma, gammaSigma, rho);

    /// <summary>DB-MTL, dual balancing (Lin et al., arXiv 2308.12029, 2023).</summary>
    /// <param name="beta">The moving-average rate of the log-loss gradients. Default: 0.9.</param>
    /// <param name="betaSigma">Its decay exponent. Default: 0.</param>
    public static DbMtl DbMtl(double beta = 0.9, double betaSigma = 0.0) => new(beta, betaSigma);

    /// <summary>ExcessMTL (He et al., ICML 2024).</summary>
    /// <param name="robustStepSize">The step size of the multiplicative weight update. Default: 1e-2.</param>
    public static ExcessMtl ExcessMtl(double robustStepSize = 1e-2) => new(robustStepSize);

    /// <summary>Gradient Sign Dropout (Chen et al., NeurIPS 2020); needs <see cref="Training.GradientSource.Representation"/>.</summary>
    /// <param name="leak">The share of every task's gradient that is always kept. Default: 0.</param>
    public static GradDrop GradDrop(double leak = 0.0) => new(leak);
}
