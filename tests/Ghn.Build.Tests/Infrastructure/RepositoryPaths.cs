namespace Ghn.Build.Tests.Infrastructure;

/// <summary>Locations in this repository.</summary>
internal static class RepositoryPaths
{
    public static string Root => Ghn.Tests.RepositoryDirectory.Path;

    public static string PackageProject => Path.Combine(Root, "msbuild", "Ghn.Build", "Ghn.Build.csproj");

    public static string DefaultCheckpoint => Path.Combine(Root, "runtime", "checkpoints", "ghn3-fmnist.safetensors");

    /// <summary>
    /// The ghn tool as packing publishes it (Release, ReadyToRun), where LibTorch sits next to it: used to check what
    /// the package predicted.
    /// </summary>
    public static string Tool => Path.Combine(Root, "msbuild", "Ghn.Build", "obj", "Release", "net8.0", "ghn-tool", "ghn.dll");
}
