namespace MultiTask.Training;

/// <summary>The optimiser that updates the weights.</summary>
public enum OptimizerKind
{
    /// <summary>Adam (Kingma and Ba, 2015); weight decay is added to the gradient (L2).</summary>
    Adam,

    /// <summary>AdamW (Loshchilov and Hutter, 2019): decoupled weight decay.</summary>
    AdamW,

    /// <summary>Stochastic gradient descent with momentum (<see cref="TrainerOptions.Momentum"/>).</summary>
    Sgd,
}
