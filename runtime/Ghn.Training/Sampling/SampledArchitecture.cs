using Ghn.Graphs;

namespace Ghn.Training.Sampling;

/// <summary>A sampled network and where it came from.</summary>
/// <param name="Name">A unique, readable name: <c>family/generator#seed.index</c>.</param>
/// <param name="Family">The family it was drawn from.</param>
/// <param name="Generator">The generator (architecture style) that built it, e.g. <c>resnet</c>.</param>
/// <param name="Seed">The sampler seed.</param>
/// <param name="Index">Its position in the sampler's sequence; <see cref="ArchitectureSampler.SampleAt"/> reproduces it.</param>
/// <param name="Graph">The architecture.</param>
public sealed record SampledArchitecture(string Name, string Family, string Generator, int Seed, long Index, ArchitectureGraph Graph);
