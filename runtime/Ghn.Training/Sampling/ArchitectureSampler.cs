using Ghn.Training.Sampling.Generators;

namespace Ghn.Training.Sampling;

/// <summary>
/// Draws architectures from a family, reproducibly: architecture <c>i</c> of a sampler depends only on the
/// family, the split, the seed and <c>i</c> (<see cref="SampleAt"/>), so a meta-trainer resumes by restoring
/// <see cref="Position"/>. Graphs over the family's parameter budget and graphs of the other split are
/// rejected and redrawn; the training split therefore never yields a held-out graph (see <see cref="ArchitectureSplits"/>).
/// </summary>
public sealed class ArchitectureSampler
{
    private const int MaxAttempts = 1000;

    /// <summary>Creates a sampler.</summary>
    /// <param name="family">The distribution to draw from.</param>
    /// <param name="split">Which split's graphs to yield.</param>
    /// <param name="seed">Fixes the sequence of graphs.</param>
    /// <param name="task">Input size and class count; Fashion-MNIST when null.</param>
    public ArchitectureSampler(ArchitectureFamily family, ArchitectureSplit split, int seed, TaskShape? task = null)
    {
        Family = family;
        Split = split;
        Seed = seed;
        Task = task ?? TaskShape.FashionMnist;
    }

    /// <summary>The family drawn from.</summary>
    public ArchitectureFamily Family { get; }

    /// <summary>The split yielded.</summary>
    public ArchitectureSplit Split { get; }

    /// <summary>The seed.</summary>
    public int Seed { get; }

    /// <summary>The input size and class count.</summary>
    public TaskShape Task { get; }

    /// <summary>The index of the architecture <see cref="Next()"/> returns next.</summary>
    public long Position { get; set; }

    /// <summary>The next architecture.</summary>
    public SampledArchitecture Next() => SampleAt(Position++);

    /// <summary>The next <paramref name="count"/> architectures: a meta-batch.</summary>
    public IReadOnlyList<SampledArchitecture> Next(int count) => Enumerable.Range(0, count).Select(_ => Next()).ToArray();

    /// <summary>Architecture number <paramref name="index"/> of the sequence a sampler with these arguments draws.</summary>
    public static SampledArchitecture Sample(ArchitectureFamily family, ArchitectureSplit split, int seed, long index = 0) =>
        new ArchitectureSampler(family, split, seed).SampleAt(index);

    /// <summary>Architecture number <paramref name="index"/> of this sampler's sequence.</summary>
    /// <exception cref="InvalidOperationException">No acceptable graph was found (a family whose budget is too small).</exception>
    public SampledArchitecture SampleAt(long index)
    {
        var random = new Random(SeedMixing.Mix(Seed, index));
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var generator = Family.ChooseGenerator(random);
            var context = new SamplingContext(random, Family.Settings, Task);
            var graph = context.Builder.Build(generator.Build(context));
            if (Family.Settings.Admits(graph.ParameterCount) && ArchitectureSplits.Of(graph) == Split)
            {
                return new SampledArchitecture($"{Family.Name}/{generator.Name}#{Seed}.{index}", Family.Name, generator.Name, Seed, index, graph);
            }
        }

        throw new InvalidOperationException(
            $"Family '{Family.Name}' produced no {Split} graph of {Family.Settings.MinParameters:N0}–{Family.Settings.MaxParameters:N0} parameters in {MaxAttempts} attempts.");
    }
}
