using TorchSharp;

namespace MultiTask.Tests.Architectures;

/// <summary>Sets a model's parameters by path to hand-chosen values, so that tests can compute the outputs by hand.</summary>
internal static class HandWeights
{
    internal static void Set(MultiTaskModel model, string path, params float[] values)
    {
        using var noGrad = torch.no_grad();
        var parameter = model.Network.named_parameters().SingleOrDefault(p => p.name == path).parameter
            ?? throw new ArgumentException($"No parameter '{path}'; the model has {string.Join(", ", model.Network.named_parameters().Select(p => p.name))}.");
        using var source = torch.tensor(values, parameter.shape);
        parameter.copy_(source);
    }

    /// <summary>Every parameter of the model as one flat array (for bit-identity checks).</summary>
    internal static float[] All(MultiTaskModel model)
    {
        using var scope = torch.NewDisposeScope();
        return model.Network.parameters().SelectMany(p => p.detach().cpu().data<float>().ToArray()).ToArray();
    }

    internal static double Softmax(double[] logits, int i) => Math.Exp(logits[i]) / logits.Sum(Math.Exp);

    internal static double Relu(double v) => Math.Max(0, v);
}
