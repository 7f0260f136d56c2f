using MultiTask.Tests.TestUtilities;
using MultiTask.Training.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiTask.Tests.Training.Optimizers;

/// <summary>The library's Adam, AdamW and SGD against a hand computation and against TorchSharp's optimisers.</summary>
[Collection(TorchCollection.Name)]
public sealed class OptimizerNumericsTests
{
    private const double LearningRate = 0.1;
    private const double WeightDecay = 0.1;
    private const double Momentum = 0.9;
    private static readonly double[] Gradients = [0.5, -0.3];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AdamAndAdamW_TwoSteps_MatchTheClosedForm(bool decoupled)
    {
        // Kingma and Ba's update, m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ), p ← p − lr·m̂/(√v̂ + ε), with weight decay either added to
        // the gradient (Adam, L2: g' = g + wd·p) or applied to the weights first (AdamW, Loshchilov and Hutter:
        // p ← p·(1 − lr·wd)).
        double p = 1, m = 0, v = 0;
        var expected = new double[2];
        for (int t = 1; t <= 2; t++)
        {
            double g = Gradients[t - 1];
            if (decoupled)
            {
                p *= 1 - (LearningRate * WeightDecay);
            }
            else
            {
                g += WeightDecay * p;
            }

            m = (0.9 * m) + (0.1 * g);
            v = (0.999 * v) + (0.001 * g * g);
            double mHat = m / (1 - Math.Pow(0.9, t)), vHat = v / (1 - Math.Pow(0.999, t));
            p -= LearningRate * mHat / (Math.Sqrt(vHat) + 1e-8);
            expected[t - 1] = p;
        }

        Trajectory(parameters => new AdamOptimizer(parameters, LearningRate, WeightDecay, decoupled))
            .Should().Equal(expected, (a, b) => Math.Abs(a - b) <= 1e-12 * Math.Abs(b));
    }

    [Fact]
    public void Sgd_TwoSteps_MatchTheClosedForm()
    {
        // Step 1: b = g₁ + wd·p₀ = 0.5 + 0.1 = 0.6, p₁ = 1 − 0.1·0.6 = 0.94.
        // Step 2: g₂' = −0.3 + 0.1·0.94 = −0.206, b = 0.9·0.6 − 0.206 = 0.334, p₂ = 0.94 − 0.0334 = 0.9066.
        Trajectory(parameters => new SgdOptimizer(parameters, LearningRate, Momentum, WeightDecay))
            .Should().Equal([0.94, 0.9066], (a, b) => Math.Abs(a - b) <= 1e-12);
    }

    [Theory]
    [InlineData("Adam", 0.0)]
    [InlineData("Adam", 0.05)]
    [InlineData("AdamW", 0.05)]
    [InlineData("SGD", 0.0)]
    [InlineData("SGD", 0.05)]
    public void ThirtySteps_OnAnMlp_EqualTorchSharpsOptimiserBitForBit(string kind, double weightDecay)
    {
        using var scope = NewDisposeScope();
        var (ours, x, y) = Mlp(seed: 3);
        var (theirs, _, _) = Mlp(seed: 3);
        using ParameterOptimizer optimizer = kind switch
        {
            "SGD" => new SgdOptimizer(ours.parameters(), 0.05, Momentum, weightDecay),
            _ => new AdamOptimizer(ours.parameters(), 0.01, weightDecay, decoupled: kind == "AdamW"),
        };
        using OptimizerHelper reference = kind switch
        {
            "SGD" => new SGD(theirs.parameters(), 0.05, Momentum, weight_decay: weightDecay),
            "AdamW" => new AdamW(theirs.parameters(), 0.01, 0.9, 0.999, 1e-8, weightDecay),
            _ => new Adam(theirs.parameters(), 0.01, 0.9, 0.999, 1e-8, weightDecay),
        };
        for (int step = 0; step < 30; step++)
        {
            using var stepScope = NewDisposeScope();
            optimizer.ZeroGrad();
            nn.functional.mse_loss(ours.call(x), y).backward();
            optimizer.Step();
            reference.zero_grad();
            nn.functional.mse_loss(theirs.call(x), y).backward();
            reference.step();
        }

        var a = Flat(ours);
        var b = Flat(theirs);
        a.Should().NotEqual(Flat(Mlp(seed: 3).Model), "the weights moved");
        double worst = a.Zip(b, (u, w) => Math.Abs(u - w) / Math.Max(Math.Abs(w), 1e-30)).Max();
        worst.Should().Be(0, $"{kind} does the same float32 operations in the same order as TorchSharp's");
    }

    [Fact]
    public void ParameterWithoutGradient_IsSkippedAndKeepsItsStepCount()
    {
        using var scope = NewDisposeScope();
        var used = new Parameter(torch.ones(2));
        var unused = new Parameter(torch.ones(2));
        using var optimizer = new AdamOptimizer([used, unused], 0.1, 0, decoupled: false);
        used.grad = torch.ones(2);

        optimizer.Step();

        optimizer.Steps.Should().Equal(1L, 0L);
        unused.data<float>().ToArray().Should().Equal(1f, 1f);
        // First Adam step moves by lr·sign(g) (m̂ = g, √v̂ = |g|): 1 − 0.1 = 0.9 up to ε.
        used.data<float>().ToArray().Should().Equal([0.9f, 0.9f], (u, w) => Math.Abs(u - w) < 1e-6f);
    }

    [Theory]
    [InlineData("Adam")]
    [InlineData("AdamW")]
    [InlineData("SGD")]
    public void ParameterWhoseGradientStartsLater_KeepsItsOwnStepCount_EqualToTorchSharp(string kind)
    {
        using var scope = NewDisposeScope();
        var ours = Enumerable.Range(0, 3).Select(i => new Parameter(torch.full(4, 1.0f + i))).ToArray();
        var theirs = ours.Select(p => new Parameter(p.detach().clone())).ToArray();
        using ParameterOptimizer optimizer = kind switch
        {
            "SGD" => new SgdOptimizer(ours, 0.05, Momentum, 0.01),
            _ => new AdamOptimizer(ours, 0.01, 0.01, decoupled: kind == "AdamW"),
        };
        using OptimizerHelper reference = kind switch
        {
            "SGD" => new SGD(theirs, 0.05, Momentum, weight_decay: 0.01),
            "AdamW" => new AdamW(theirs, 0.01, 0.9, 0.999, 1e-8, 0.01),
            _ => new Adam(theirs, 0.01, 0.9, 0.999, 1e-8, 0.01),
        };
        for (int step = 1; step <= 5; step++)
        {
            for (int i = 0; i < 3; i++)
            {
                if (step == 1 && i == 2)
                {
                    continue; // the last parameter gets its first gradient at step 2
                }

                torch.manual_seed((step * 10) + i);
                var grad = torch.randn(4);
                ours[i].grad = grad;
                theirs[i].grad = grad.clone();
            }

            optimizer.Step();
            reference.step();
        }

        optimizer.Steps.Should().Equal(5L, 5L, 4L);
        for (int i = 0; i < 3; i++)
        {
            ours[i].data<float>().ToArray().Should().Equal(theirs[i].data<float>().ToArray(), $"parameter {i} updates as TorchSharp's {kind}");
        }
    }

    [Fact]
    public void ParametersOfTwoDtypes_AreUpdatedOneByOne_EqualToTorchSharp()
    {
        using var scope = NewDisposeScope();
        var ours = new[] { new Parameter(torch.ones(3)), new Parameter(torch.ones(2, dtype: ScalarType.Float64)) };
        var theirs = ours.Select(p => new Parameter(p.detach().clone())).ToArray();
        using var optimizer = new AdamOptimizer(ours, 0.01, 0.01, decoupled: false);
        using var reference = new Adam(theirs, 0.01, 0.9, 0.999, 1e-8, 0.01);
        for (int step = 1; step <= 3; step++)
        {
            for (int i = 0; i < 2; i++)
            {
                torch.manual_seed((step * 10) + i);
                var grad = torch.randn_like(ours[i]);
                ours[i].grad = grad;
                theirs[i].grad = grad.clone();
            }

            optimizer.Step();
            reference.step();
        }

        optimizer.IsFlat.Should().BeFalse("one flat buffer holds one dtype");
        ours[0].data<float>().ToArray().Should().Equal(theirs[0].data<float>().ToArray());
        ours[1].data<double>().ToArray().Should().Equal(theirs[1].data<double>().ToArray());
        ours[1].data<double>()[0].Should().NotBe(1.0, "the weights moved");
    }

    /// <summary>p after each of two steps on one float64 scalar parameter p₀ = 1 with gradients 0.5 then −0.3.</summary>
    private static double[] Trajectory(Func<Parameter[], ParameterOptimizer> create)
    {
        using var scope = NewDisposeScope();
        var p = new Parameter(torch.tensor(new[] { 1.0 }, dtype: ScalarType.Float64));
        using var optimizer = create([p]);
        var values = new double[2];
        for (int t = 0; t < 2; t++)
        {
            p.grad = torch.tensor(new[] { Gradients[t] }, dtype: ScalarType.Float64);
            optimizer.Step();
            values[t] = p.data<double>()[0];
        }

        return values;
    }

    private static (Sequential Model, Tensor X, Tensor Y) Mlp(int seed)
    {
        torch.manual_seed(seed);
        var model = nn.Sequential(("fc1", nn.Linear(3, 6)), ("act", nn.Tanh()), ("fc2", nn.Linear(6, 2)));
        var x = torch.randn(16, 3);
        var y = torch.randn(16, 2);
        return (model, x, y);
    }

    private static float[] Flat(nn.Module model)
    {
        using var scope = NewDisposeScope();
        return torch.cat(model.parameters().Select(p => p.detach().flatten()).ToArray()).data<float>().ToArray();
    }
}
