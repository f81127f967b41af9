using System.Reflection;

namespace Ghn.Generator.Tests.Infrastructure;

/// <summary>
/// Expected generated sources, stored verbatim in <c>Baselines/</c>. With <c>GHN_UPDATE_BASELINES=1</c> the tests
/// rewrite them from the actual output instead of comparing (review the diff before committing).
/// </summary>
internal static class Baseline
{
    private static readonly string Directory = typeof(Baseline).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BaselineDirectory").Value!;

    private static bool Update => Environment.GetEnvironmentVariable("GHN_UPDATE_BASELINES") == "1";

    public static void AssertMatches(string baselineName, string actual)
    {
        var path = Path.Combine(Directory, baselineName);
        if (Update)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Missing baseline {path}; run the tests with GHN_UPDATE_BASELINES=1 to create it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
