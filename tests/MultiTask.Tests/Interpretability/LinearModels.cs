using MultiTask.Data;
using MultiTask.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace MultiTask.Tests.Interpretability;

/// <summary>Models with hand-set weights: a bias-free linear trunk (x ↦ Wx) and bias-free linear heads (h ↦ vₜh).</summary>
internal static class LinearModels
{
    /// <param name="tasks">The tasks, one head each.</param>
    /// <param name="trunk">[representation, features] trunk weights W.</param>
    /// <param name="heads">Per task, [outputs, representation] head weights.</param>
    internal static MultiTaskModel Create(IReadOnlyList<TaskSpec> tasks, float[,] trunk, IReadOnlyList<float[,]> heads)
    {
        int width = trunk.GetLength(1), representation = trunk.GetLength(0);
        var model = MultiTaskModel.Create(
            tasks,
            Trunks.Custom("linear-trunk", InputKind.Features, width, representation, () => nn.Linear(width, representation, hasBias: false)),
            Heads.Custom("linear-head", (input, output) => nn.Linear(input, output, hasBias: false)),
            seed: 1);
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        model.SharedParameters.Single().copy_(torch.tensor(trunk));
        for (int t = 0; t < tasks.Count; t++)
        {
            model.TaskParameters(tasks[t].Name).Single().copy_(torch.tensor(heads[t]));
        }

        return model;
    }

    /// <summary>A model whose trunk is the identity on <paramref name="width"/> features and whose task t predicts wₜ · x.</summary>
    internal static MultiTaskModel Identity(IReadOnlyList<TaskSpec> tasks, int width, params float[][] weights)
    {
        var identity = new float[width, width];
        for (int i = 0; i < width; i++)
        {
            identity[i, i] = 1;
        }

        return Create(tasks, identity, weights.Select(w => Row(w)).ToArray());
    }

    internal static float[,] Row(float[] values)
    {
        var row = new float[1, values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            row[0, i] = values[i];
        }

        return row;
    }
}
