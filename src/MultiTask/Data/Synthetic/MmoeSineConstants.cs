namespace MultiTask.Data.Synthetic;

/// <summary>
/// How <see cref="SyntheticTasks.Mmoe"/> chooses the frequencies αᵢ and phases βᵢ of the sine terms
/// Σᵢ sin(αᵢ·wₜᵀx + βᵢ). Ma et al., KDD 2018, §3.2 do not publish them; the two widely used generators differ
/// (the Google Research generator and <c>drawbridge/keras-mmoe</c>).
/// </summary>
public enum MmoeSineConstants
{
    /// <summary>
    /// αᵢ = i and βᵢ = (i − 1)² for i = 1..m, as in the Google Research generator (<c>generate_task_pairs</c>, whose
    /// docstring cites the MMoE paper). With c = 1 the high-frequency terms make the targets hard to learn.
    /// </summary>
    GoogleResearch,

    /// <summary>
    /// α₁..αₘ and then β₁..βₘ drawn from N(0, 1) with <see cref="MmoeSyntheticOptions.Seed"/> (after the directions)
    /// or, when set, with <see cref="MmoeSyntheticOptions.SineConstantsSeed"/>, shared by all tasks, as in <c>drawbridge/keras-mmoe</c>'s <c>synthetic_demo.py</c> (which uses m = 5, c = 0.3 and
    /// noise standard deviation 0.1).
    /// </summary>
    StandardNormal,
}
