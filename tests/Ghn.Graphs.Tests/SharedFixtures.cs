namespace Ghn.Graphs.Tests;

/// <summary>Finds ../shared/fixtures next to the repository root, as CI lays it out.</summary>
internal static class SharedFixtures
{
    public static IEnumerable<string> PrimitiveGraphFiles() =>
        Directory.EnumerateFiles(Path.Combine(ParityDirectory(), "graphs"), "*.json").OrderBy(p => p, StringComparer.Ordinal);

    private static string ParityDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "fixtures", "ghn3-parity");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"shared/fixtures/ghn3-parity was not found above {AppContext.BaseDirectory}; the tests expect the shared folder beside the repository (../shared).");
    }
}
