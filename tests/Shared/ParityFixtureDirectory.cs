namespace Ghn.Tests;

/// <summary>
/// The GHN-3 parity data, <c>../shared/fixtures/ghn3-parity</c> from the repository root (the folder that holds
/// <c>Ghn.Build.sln</c>), as developers and CI have it; found by walking up from the test binaries.
/// </summary>
internal static class ParityFixtureDirectory
{
    private static readonly Lazy<string> Located = new(Locate);

    /// <summary>The full path of the parity folder.</summary>
    public static string Path => Located.Value;

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Ghn.Build.sln")))
            {
                var fixtures = System.IO.Path.GetFullPath(System.IO.Path.Combine(directory.FullName, "..", "shared", "fixtures", "ghn3-parity"));
                return Directory.Exists(fixtures)
                    ? fixtures
                    : throw new DirectoryNotFoundException($"The GHN-3 parity fixtures are not at {fixtures}; the shared folder must sit next to the repository (../shared).");
            }
        }

        throw new DirectoryNotFoundException($"No Ghn.Build.sln above {AppContext.BaseDirectory}: run the tests from the repository's build output.");
    }
}
