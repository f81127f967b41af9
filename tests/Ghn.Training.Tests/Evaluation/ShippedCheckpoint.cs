namespace Ghn.Training.Tests.Evaluation;

/// <summary>The default checkpoint committed to the repository (<c>runtime/checkpoints</c>), found by walking up to <c>Ghn.Build.sln</c>.</summary>
internal static class ShippedCheckpoint
{
    private static readonly Lazy<string> Located = new(Locate);

    /// <summary>The full path of the checkpoint file.</summary>
    public static string Path => Located.Value;

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Ghn.Build.sln")))
            {
                return System.IO.Path.Combine(directory.FullName, "runtime", "checkpoints", "ghn3-fmnist.safetensors");
            }
        }

        throw new DirectoryNotFoundException($"No Ghn.Build.sln above {AppContext.BaseDirectory}: run the tests from the repository's build output.");
    }
}
