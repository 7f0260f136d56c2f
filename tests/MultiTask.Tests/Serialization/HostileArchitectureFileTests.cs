using MultiTask.Tests.Architectures;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tests.Serialization;

/// <summary>
/// Model files of the architectures other than hard sharing, edited with their checksum recomputed: every edit is a
/// <see cref="ModelFileException"/> naming the file and the field at fault, raised before the network is built.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class HostileArchitectureFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string, string> Edits => new()
    {
        // Architecture, JSON path = new value ("DELETE" removes the field; ';' separates edits), and the culprit the message must name.
        { "mmoe", "architecture.expertCount=0", "'architecture.expertCount' is 0; it must be in [1, 4096]" },
        { "mmoe", "architecture.expertCount=\"2\"", "'architecture.expertCount' must be an integer; it is string" },
        { "mmoe", "architecture.expertCount=DELETE", "'architecture.expertCount' is missing" },
        { "mmoe", "architecture.expert=null", "'architecture.expert' is null; it needs a value" },
        { "mmoe", "architecture.gates=1", "'architecture.gates' is not a field this library knows" },
        { "mmoe", "architecture.expert.activation=\"Sparkle\"", "'architecture.expert.activation' is not a valid Activation: 'Sparkle'" },
        { "mmoe", "architecture.expert.hiddenSizes[0]=2000000000", "'architecture.expert.hiddenSizes[0]' is 2000000000; it must be in [1, 16777216]" },
        { "mmoe", "architecture.tower.width=3", "'architecture.tower.width' is not a field this library knows" },
        // 4000 experts · 12 + 2 gates · 3·4000 + towers 24 = 72,024.
        { "mmoe", "architecture.expertCount=4000", "the description needs at least 72,024 float32 weights (288,096 bytes), but the weight data has * bytes" },
        { "mmoe", "architecture.expert.inputSize=16777216;architecture.expert.hiddenSizes[0]=16777216", "The expert layer 0 would have 16,777,216 × 16,777,216 = * weights, above the limit" },
        { "mmoe", "architecture.type=\"nope\"", "Unknown architecture type 'nope'" },
        { "mmoe", "architecture.expert.type=\"conv\"", "'architecture.expert.type' is 'conv'; the known trunk types are 'mlp', 'text' and 'custom'" },
        { "mmoe", "architecture=[]", "'architecture' must be an object; it is array" },
        { "mmoe", "architecture.gateEmbeddingSize=4", "'architecture.gateEmbeddingSize' is set but the experts take features; only text experts have a gate embedding" },
        { "text-mmoe", "architecture.gateEmbeddingSize=DELETE", "'architecture.gateEmbeddingSize' is missing" },
        { "text-mmoe", "architecture.gateEmbeddingSize=0", "'architecture.gateEmbeddingSize' is 0; it must be in [1, 16777216]" },
        { "text-mmoe", "architecture.gateEmbeddingSize=100000", "the description needs at least * float32 weights*but the weight data has * bytes" },
        { "text-ple", "architecture.experts[1]={\"type\":\"text\",\"vocabularySize\":6,\"embeddingSize\":2,\"hiddenSize\":4,\"cell\":\"Lstm\",\"layers\":1,\"bidirectional\":false,\"dropout\":0,\"paddingId\":0}", "PleArchitecture.Experts[1] must take features (level 1 reads level 0's expert outputs; only level 0 may be a text encoder)" },
        { "cgc", "architecture.sharedExpertCount=-1", "'architecture.sharedExpertCount' is -1; it must be in [1, 4096]" },
        { "cgc", "architecture.taskExpertCount=1.5", "'architecture.taskExpertCount' must be an integer; it is number" },
        { "cgc", "architecture.tower=[]", "'architecture.tower' must be an object; it is array" },
        { "cgc", "architecture.taskExpertCount=3000", "the description needs at least * float32 weights*but the weight data has * bytes" },
        { "ple", "architecture.experts=[]", "'architecture.experts' is empty; a PLE architecture has at least one extraction level" },
        { "ple", "architecture.experts[1]=null", "'architecture.experts[1]' must be an object; it is null or missing" },
        { "ple", "architecture.experts[0].inputSize=0", "'architecture.experts[0].inputSize' is 0; it must be in [1, 16777216]" },
        { "ple", "architecture.experts[1].inputSize=7", "PleArchitecture.Experts[1] takes 7 features but level 0's experts give 4" },
        { "ple", "architecture.experts[0].normalization=DELETE", "'architecture.experts[0].normalization' is missing" },
        { "dselect-k", "architecture.gamma=0", "'architecture.gamma' is 0; it must be above 0" },
        { "dselect-k", "architecture.gamma=\"1\"", "'architecture.gamma' must be a number; it is string" },
        { "dselect-k", "architecture.selectorCount=5", "'architecture.selectorCount' is 5; it must be in [1, 4]" },
        { "dselect-k", "architecture.entropyRegularization=-0.5", "'architecture.entropyRegularization' is -0.5; it must be a finite number in [0, *]" },
        { "dselect-k", "architecture.entropyRegularization=\"0.1\"", "'architecture.entropyRegularization' must be a number; it is string" },
        { "dselect-k", "architecture.expertCount=1", "'architecture.expertCount' is 1; it must be in [2, 4096]" },
        { "dselect-k", "architecture.expert.hiddenSizes[0]=100000", "the description needs at least * float32 weights*but the weight data has * bytes" },
        { "cross-stitch", "architecture.tower={\"type\":\"custom\",\"name\":\"x\",\"inputKind\":\"Features\",\"inputWidth\":3,\"outputSize\":4}", "'architecture.tower.type' must be 'mlp'; a cross-stitch tower is an MLP" },
        { "cross-stitch", "architecture.selfWeight=1.5", "'architecture.selfWeight' is 1.5; it must be a finite number in [0, 1]" },
        { "cross-stitch", "architecture.head.hiddenSizes=[-1]", "'architecture.head.hiddenSizes[0]' is -1; it must be in [1, 16777216]" },
        { "cross-stitch", "architecture.tower.hiddenSizes[1]=1000000", "the description needs at least * float32 weights*but the weight data has * bytes" },
        { "soft-sharing", "architecture.strength=-1", "'architecture.strength' is -1; it must be a finite number in [0, *]" },
        { "soft-sharing", "architecture.strength=null", "'architecture.strength' is null; it needs a value" },
        { "soft-sharing", "architecture.tower.inputSize=true", "'architecture.tower.inputSize' must be an integer; it is true" },
        { "soft-sharing", "architecture.head.type=\"deep\"", "'architecture.head.type' is 'deep'; the known head types are 'mlp' and 'custom'" },
        { "soft-sharing", "architecture.tower.inputSize=16777216", "the description needs at least * float32 weights*but the weight data has * bytes" },
    };

    [Theory]
    [MemberData(nameof(Edits))]
    public void EditedArchitecture_IsAModelFileException_NamingFileAndField(string type, string edit, string culprit)
    {
        string original = _dir.File($"{type}.mtm");
        using (var model = MultiTaskModel.Create(ArchitectureFixtures.Tasks, ArchitectureFixtures.Get(type), seed: 1))
        {
            model.Save(original);
        }

        var file = ModelFileBytes.Read(original);
        HostileModelFileTests.Apply(file.Description, edit);
        string path = _dir.File("edited.mtm");
        file.Write(path);

        var act = () => MultiTaskModel.Load(path);

        act.Should().Throw<ModelFileException>().WithMessage($"Model file '{path}' *{culprit}*");
    }
}
