namespace Ghn.Graphs.Tests;

/// <summary>The reference's primitive graphs in the repository's parity fixtures.</summary>
internal static class ParityGraphFiles
{
    public static IEnumerable<string> PrimitiveGraphFiles() =>
        Directory.EnumerateFiles(Ghn.Testing.ParityFixtureDirectory.GraphsDirectory, "*.json").OrderBy(p => p, StringComparer.Ordinal);
}
