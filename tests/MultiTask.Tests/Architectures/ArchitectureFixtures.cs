using MultiTask.Architectures;
using MultiTask.Models;

namespace MultiTask.Tests.Architectures;

/// <summary>
/// One small description of each built-in architecture other than hard sharing, by its model-file type name, for two
/// tasks (a regression and a 3-class task) on 3 features; <c>text-*</c> are the gated architectures with text experts
/// (vocabulary 6, embedding 2, LSTM 3) and a gate embedding of width 2.
/// </summary>
internal static class ArchitectureFixtures
{
    private static TextTrunkSpec Text => Trunks.Text(6, embeddingSize: 2, hiddenSize: 3);

    internal static TaskSpec[] Tasks => [TaskSpec.Regression("price"), TaskSpec.Multiclass("segment", 3)];

    internal static ArchitectureSpec Get(string type) => type switch
    {
        "mmoe" => new MmoeArchitecture { Expert = Trunks.Mlp(3, [4]), ExpertCount = 2, Tower = Heads.Mlp([2]) },
        "cgc" => new CgcArchitecture { Expert = Trunks.Mlp(3, [4]) },
        "ple" => new PleArchitecture { Experts = [Trunks.Mlp(3, [4]), Trunks.Mlp(4, [4])] },
        "dselect-k" => new DSelectKArchitecture { Expert = Trunks.Mlp(3, [4]), ExpertCount = 4 },
        "text-mmoe" => new MmoeArchitecture { Expert = Text, ExpertCount = 2, GateEmbeddingSize = 2 },
        "text-ple" => new PleArchitecture { Experts = [Text, Trunks.Mlp(3, [4])], GateEmbeddingSize = 2 },
        "cross-stitch" => new CrossStitchArchitecture { Tower = Trunks.Mlp(3, [4, 4]) },
        "soft-sharing" => new SoftSharingArchitecture { Tower = Trunks.Mlp(3, [4]) },
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a fixture"),
    };
}
