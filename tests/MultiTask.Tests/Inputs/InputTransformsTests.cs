using System.Text.Json.Nodes;
using MultiTask.Data;
using MultiTask.Inputs;
using MultiTask.Models;
using MultiTask.Tests.TestUtilities;

namespace MultiTask.Tests.Inputs;

/// <summary>
/// The core stores and restores fitted input transforms by kind. This test assembly does not reference
/// MultiTask.Tabular, so it also shows what a user without that package sees.
/// </summary>
[Collection(TorchCollection.Name)]
public sealed class InputTransformsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void AModelFileWhosePreprocessingNeedsTabular_NamesThePackageToAdd()
    {
        AppDomain.CurrentDomain.GetAssemblies().Should().NotContain(a => a.GetName().Name == "MultiTask.Tabular");
        var path = TestData.File("models", "v0.1-adult-pipeline.mtm");

        var act = () => MultiTaskModel.Load(path);

        act.Should().Throw<ModelFileException>()
            .WithMessage($"*'{path}'*kind 'column-transformer' needs the package 'MultiTask.Tabular'*dotnet add package MultiTask.Tabular*");
    }

    [Fact]
    public void ACustomTransform_TravelsInTheModelFile_AndIsReadBackByItsRegisteredReader()
    {
        InputTransforms.Register(Scale.KindName, Scale.FromJson);
        using var model = MultiTaskModel.Create([TaskSpec.Regression("y")], Trunks.Mlp(2, [3]), seed: 1);
        model.AttachPreprocessing(new Scale(2.5));
        model.Save(_dir.File("m.mtm"));

        using var loaded = MultiTaskModel.Load(_dir.File("m.mtm"));

        loaded.Preprocessing.Should().BeOfType<Scale>().Which.Factor.Should().Be(2.5);
        loaded.Predict(new float[,] { { 1, 2 } }).Regression("y").Values.Should().Equal(model.Predict(new float[,] { { 1, 2 } }).Regression("y").Values);
    }

    [Fact]
    public void AnUnknownKindOfAPackageThatIsAbsent_NamesThatPackage()
    {
        var act = () => InputTransforms.FromJson(new JsonObject { ["kind"] = "text-cleaner" }, "Contoso.TextCleaning");

        act.Should().Throw<FormatException>().WithMessage("The preprocessing of kind 'text-cleaner' needs the package 'Contoso.TextCleaning': add a reference to it (dotnet add package Contoso.TextCleaning)*");
    }

    [Fact]
    public void JsonWithoutAKind_IsAFormatError()
    {
        var act = () => InputTransforms.FromJson(new JsonObject { ["factor"] = 1 });

        act.Should().Throw<FormatException>().WithMessage("*lacks a string 'kind'*");
    }

    public void Dispose() => _dir.Dispose();

    private sealed class Scale(double factor) : IFittedInputTransform
    {
        public const string KindName = "test-scale";

        public double Factor { get; } = factor;

        public string Kind => KindName;

        public static Scale FromJson(JsonObject json) => new(json["factor"]!.GetValue<double>());

        public JsonObject ToJson() => new() { ["kind"] = KindName, ["factor"] = Factor };
    }
}
