using Ghn.Build.Tool.Projects;
using Ghn.Cli.Projects;
using Ghn.Extraction;
using Ghn.Training.Sampling;

namespace Ghn.Cli.Commands.Eval;

/// <summary>Where <c>ghn eval</c> takes its architectures from: held-out sampled networks, or the [GhnInit] models of a project.</summary>
internal static class ArchitectureSources
{
    /// <summary><paramref name="count"/> held-out architectures of <paramref name="family"/> (never sampled by meta-training) for <paramref name="task"/>'s images.</summary>
    public static IReadOnlyList<EvaluatedArchitecture> Sampled(string family, int count, int seed, TaskShape task) =>
        new ArchitectureSampler(ArchitectureFamily.Get(family), ArchitectureSplit.HeldOut, seed, task).Next(count)
            .Select(a => new EvaluatedArchitecture(a.Name, a.Graph))
            .ToArray();

    /// <summary>
    /// The [GhnInit] models of a project, extracted from its sources the way the build extracts them (nothing is
    /// compiled or run). Models the extractor cannot read are reported on stderr and left out.
    /// </summary>
    public static IReadOnlyList<EvaluatedArchitecture> FromProject(string projectPath)
    {
        var compilation = ProjectCompilation.Create(MsBuildProjectReader.Read(projectPath, "Debug"), CancellationToken.None);
        var architectures = new List<EvaluatedArchitecture>();
        foreach (var model in ProjectCompilation.FindModels(compilation, CancellationToken.None))
        {
            var graph = ModelExtractor.Extract(model, compilation, CancellationToken.None).Graph;
            if (graph is null)
            {
                Console.Error.WriteLine($"{model.ToDisplayString()}: left out, its architecture could not be extracted (`ghn graph --project` shows why).");
                continue;
            }

            architectures.Add(new EvaluatedArchitecture(model.Name, graph));
        }

        return architectures.Count > 0
            ? architectures
            : throw new CommandException($"{Path.GetFileName(projectPath)} has no extractable class marked [GhnInit].");
    }
}
