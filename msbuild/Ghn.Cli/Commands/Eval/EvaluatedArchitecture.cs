using Ghn.Graphs;

namespace Ghn.Cli.Commands.Eval;

/// <summary>An architecture <c>ghn eval</c> measures: a sampled network or a model extracted from a project.</summary>
internal sealed record EvaluatedArchitecture(string Name, ArchitectureGraph Graph);
