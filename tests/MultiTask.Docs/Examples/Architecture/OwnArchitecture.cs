// begin-snippet: architecture-own
using System.Text.Json.Nodes;
using MultiTask;
using MultiTask.Architectures;
using MultiTask.Data;
using MultiTask.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
// end-snippet
using MultiTask.Docs.Tool;

namespace MultiTask.Docs.Examples.Architecture;

/// <summary>"Adding your own architecture" in docs/architecture.md: a description, its network, and the registry.</summary>
internal static class OwnArchitecture
{
    [DocExample("architecture-own")]
    public static void Run()
    {
        // begin-snippet: architecture-own
        // Load needs the reader of the type; register it once at start-up.
        ArchitectureRegistry.Register("shared-linear-plus-own", json => new SharedPlusOwn { Width = json["width"]!.GetValue<int>() });

        TaskSpec[] tasks = [TaskSpec.Regression("a"), TaskSpec.Binary("b")];
        using var model = MultiTaskModel.Create(tasks, new SharedPlusOwn { Width = 4 }, seed: 1);
        model.Save("own.mtm");
        using var loaded = MultiTaskModel.Load("own.mtm");
        Console.WriteLine($"{loaded.Architecture}: {loaded.SharedParameters.Sum(p => p.numel())} shared, {loaded.TaskParameters("b").Sum(p => p.numel())} of task 'b'");
        // end-snippet
    }

    // begin-snippet: architecture-own
    /// <summary>Each task's output is a shared linear map plus its own linear map of the input.</summary>
    internal sealed class SharedPlusOwn : ArchitectureSpec
    {
        public int Width { get; init; }

        public override string Type => "shared-linear-plus-own";

        public override InputKind InputKind => InputKind.Features;

        public override int? InputWidth => Width;

        public override MultiTaskNetwork Build(IReadOnlyList<TaskSpec> tasks, ModuleFactories? factories) => new Network(Width, tasks);

        public override JsonObject ToJson() => new() { ["width"] = Width };

        public override string ToString() => $"SharedPlusOwn({Width})";

        private sealed class Network : MultiTaskNetwork
        {
            private readonly Linear shared;          // parameter paths: shared.weight, own.0.weight, …
            private readonly ModuleList<Linear> own;

            internal Network(int width, IReadOnlyList<TaskSpec> tasks)
                : base(nameof(SharedPlusOwn))
            {
                shared = nn.Linear(width, 1);
                own = nn.ModuleList(tasks.Select(t => nn.Linear(width, t.OutputSize, hasBias: false)).ToArray());
                RegisterComponents();
            }

            // Only these reach one task's loss; SharedParameters defaults to every other parameter.
            public override IReadOnlyList<Parameter> TaskParameters(int task) => own[task].parameters().ToArray();

            public override Tensor[] forward(Tensor input) => own.Select(o => o.call(input) + shared.call(input)).ToArray();
        }
    }
    // end-snippet
}
