namespace Ghn.Build.Tests.Infrastructure;

/// <summary>
/// Packs Ghn.Build (with Ghn.Runtime and Ghn.Graphs) once per test run into a temporary feed, under a version no other
/// run used, so a consumer can never restore a stale Ghn.Build from the NuGet cache. TorchSharp and LibTorch still come
/// from the shared cache (no extra 500 MB copy). The run's Ghn.* cache entries are deleted afterwards.
/// </summary>
public sealed class PackageFeed : IDisposable
{
    private static readonly string[] PackageIds = ["ghn.build", "ghn.runtime", "ghn.engine", "ghn.graphs", "ghn.training"];

    public PackageFeed()
    {
        Root = Directory.CreateTempSubdirectory("ghn-build-tests-").FullName;
        FeedDirectory = Path.Combine(Root, "feed");
        Version = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        DotNet.Run(RepositoryPaths.Root, "pack", RepositoryPaths.PackageProject, "-c", "Release", "-o", FeedDirectory, $"-p:Version={Version}", "-nologo")
            .ShouldSucceed();
    }

    /// <summary>A temporary folder for this run (feed and consumer projects), outside the repository.</summary>
    public string Root { get; }

    public string FeedDirectory { get; }

    public string Version { get; }

    /// <summary>
    /// The consumer project the tests share, so LibTorch is copied into one bin folder only; each test writes the sources
    /// and settings it needs first.
    /// </summary>
    internal ConsumerProject Consumer => _consumer ??= new ConsumerProject(this, "Consumer");

    private ConsumerProject? _consumer;

    public void Dispose()
    {
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                       ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        foreach (var id in PackageIds)
        {
            TryDelete(Path.Combine(packages, id, Version.ToLowerInvariant()));
        }

        TryDelete(Root);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}

/// <summary>The tests that build consumer projects share one feed and run one at a time (each build uses both cores).</summary>
[CollectionDefinition(Name)]
public sealed class PackageFeedCollection : ICollectionFixture<PackageFeed>
{
    public const string Name = "Ghn.Build package";
}
