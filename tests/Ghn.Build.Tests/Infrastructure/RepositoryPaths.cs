using System.Reflection;

namespace Ghn.Build.Tests.Infrastructure;

/// <summary>Locations in this repository.</summary>
internal static class RepositoryPaths
{
    public static string Root => Ghn.Testing.RepositoryDirectory.Path;

    public static string PackageProject => Path.Combine(Root, "msbuild", "Ghn.Build", "Ghn.Build.csproj");

    public static string DefaultCheckpoint => Path.Combine(Root, "runtime", "checkpoints", "ghn3-fmnist.safetensors");

    /// <summary>The developer CLI (`ghn`), built with these tests: its `predict` checks what the package predicted.</summary>
    public static string Cli => typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "GhnCli").Value!;
}
