// begin-snippet: architecture-choose
using MultiTask;
using MultiTask.Architectures;
using MultiTask.Data.Synthetic;
using MultiTask.Models;
using MultiTask.Training;
// end-snippet
using MultiTask.Docs.Tool;

namespace MultiTask.Docs.Examples.Architecture;

/// <summary>The worked example of docs/architectures.md: hard sharing, MMoE and PLE on Ma et al.'s synthetic tasks.</summary>
internal static class ChoosingArchitectures
{
    [DocExample("architecture-choose")]
    public static void Run()
    {
        // begin-snippet: architecture-choose
        // Two regression tasks whose weight vectors have cosine 0.5 (Ma et al., KDD 2018, §3.2).
        var synthetic = SyntheticTasks.Mmoe(new MmoeSyntheticOptions { RowCount = 3000, FeatureCount = 20, Correlation = 0.5, SineTerms = 2, Seed = 1 });
        using var data = synthetic.ToDataset();
        var split = data.TrainTestSplit(testFraction: 0.2, seed: 2);

        var architectures = new (string Name, ArchitectureSpec Architecture)[]
        {
            ("shared-bottom", new HardSharingArchitecture { Trunk = Trunks.Mlp(20, [32]), Head = Heads.Mlp([8]) }),
            ("MMoE", new MmoeArchitecture { Expert = Trunks.Mlp(20, [16]), ExpertCount = 4, Tower = Heads.Mlp([8]) }),
            ("PLE", new PleArchitecture { Experts = [Trunks.Mlp(20, [16]), Trunks.Mlp(16, [16])], SharedExpertCount = 2, Tower = Heads.Mlp([8]) }),
        };
        Console.WriteLine($"{"architecture",-14} {"parameters",10} {"task1 MSE",10} {"task2 MSE",10}");
        foreach (var (name, architecture) in architectures)
        {
            using var model = MultiTaskModel.Create(data.Tasks, architecture, seed: 3);
            using var trainer = new MultiTaskTrainer(model, new TrainerOptions { Epochs = 30, BatchSize = 64, LearningRate = 3e-3, Seed = 4, Threads = 1 });
            trainer.Fit(split.Train);
            var report = model.Evaluate(split.Test);
            Console.WriteLine($"{name,-14} {model.ParameterCount,10} {report["task1"].Loss,10:F3} {report["task2"].Loss,10:F3}");
        }
        // end-snippet
    }
}
