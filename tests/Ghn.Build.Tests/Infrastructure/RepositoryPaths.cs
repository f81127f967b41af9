namespace Ghn.Build.Tests.Infrastructure;

/// <summary>Locations in this repository.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string PackageProject => Path.Combine(Root, "msbuild", "Ghn.Build", "Ghn.Build.csproj");

    public static string DefaultCheckpoint => Path.Combine(Root, "runtime", "checkpoints", "ghn3-fmnist.safetensors");

    /// <summary>
    /// The ghn tool as packing publishes it (Release, ReadyToRun), where LibTorch sits next to it: used to check what
    /// the package predicted.
    /// </summary>
    public static string Tool => Path.Combine(Root, "msbuild", "Ghn.Build", "obj", "Release", "net8.0", "ghn-tool", "ghn.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ghn.Build.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Ghn.Build.sln above {AppContext.BaseDirectory}.");
    }
}
