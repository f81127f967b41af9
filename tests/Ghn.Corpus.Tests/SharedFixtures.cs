using System.Reflection;
using Ghn.Graphs;

namespace Ghn.Corpus.Tests;

/// <summary>The GHN-3 parity fixtures in the shared folder next to the repository (<c>../shared</c>).</summary>
internal static class SharedFixtures
{
    private const string ParityFolder = "fixtures/ghn3-parity";

    private static readonly Lazy<string> Parity = new(LocateParityFolder);

    /// <summary>The reference primitive graph <c>graphs/&lt;name&gt;.json</c>.</summary>
    public static PrimitiveGraph ReferenceGraph(string name) =>
        PrimitiveGraph.FromJson(File.ReadAllText(Path.Combine(Parity.Value, "graphs", name + ".json")));

    /// <summary>The reference's randomly initialised GHN-3 (tiny configuration) as a safetensors checkpoint.</summary>
    public static string RandomGhnCheckpoint => Path.Combine(Parity.Value, "ghn3-tiny-random.safetensors");

    /// <summary>
    /// The build records $(SharedRoot) in the test assembly; when the tests run from a copied output folder,
    /// the folder is searched for upwards from the test binaries as <c>shared</c> beside the repository root.
    /// </summary>
    private static string LocateParityFolder()
    {
        var recorded = typeof(SharedFixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "SharedRoot")?.Value;
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(recorded))
        {
            candidates.Add(Path.Combine(recorded, ParityFolder));
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ghn.Build.sln")))
            {
                candidates.Add(Path.Combine(directory.FullName, "..", "shared", ParityFolder));
            }
        }

        return candidates.FirstOrDefault(c => Directory.Exists(Path.Combine(c, "graphs")))
            ?? throw new DirectoryNotFoundException(
                $"The GHN-3 parity fixtures were not found (looked in: {string.Join(", ", candidates.DefaultIfEmpty("nowhere"))}). " +
                "They live in the shared folder beside the repository root (../shared/fixtures/ghn3-parity); check out or mount it there.");
    }
}
