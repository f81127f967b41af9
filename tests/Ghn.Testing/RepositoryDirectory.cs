namespace Ghn.Testing;

/// <summary>The repository root (the folder that holds <c>Ghn.Build.sln</c>), found by walking up from the test binaries.</summary>
public static class RepositoryDirectory
{
    private static readonly Lazy<string> Located = new(Locate);

    /// <summary>The full path of the repository root.</summary>
    public static string Path => Located.Value;

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Ghn.Build.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Ghn.Build.sln above {AppContext.BaseDirectory}: run the tests from the repository's build output.");
    }
}
