using System.Security.Cryptography;
using Ghn.Checkpoints;

namespace Ghn.Import;

/// <summary>
/// Where a GHN comes from, as <c>--checkpoint</c> and <c>GhnCheckpoint</c> name it: a <c>.safetensors</c> file, a
/// reference checkpoint (<c>.pt</c>: a trainer's or the hub's), converted once into a cache keyed by its SHA-256, or
/// a hub id <c>hf:&lt;org&gt;/&lt;repo&gt;/&lt;file&gt;[@&lt;revision&gt;]</c>, downloaded first (<see cref="HubDownload"/>).
/// </summary>
public static class CheckpointLocation
{
    private const string HubPrefix = "hf:";

    /// <summary>Whether <paramref name="location"/> is a hub id rather than a path.</summary>
    public static bool IsHubId(string location) => location.StartsWith(HubPrefix, StringComparison.Ordinal);

    /// <summary>The safetensors file to load for <paramref name="location"/>.</summary>
    /// <param name="location">A path or a hub id.</param>
    /// <param name="expectedSha256">When set, the SHA-256 the checkpoint file (before any conversion) must have.</param>
    /// <param name="log">Where a download or conversion says what it did.</param>
    /// <exception cref="CheckpointException">The checkpoint cannot be had or differs from the pin; the message says why and what to do.</exception>
    public static string Resolve(string location, string? expectedSha256, TextWriter log)
    {
        var file = IsHubId(location) ? HubDownload.Fetch(HubId.Parse(location[HubPrefix.Length..]), log) : Path.GetFullPath(location);
        if (!File.Exists(file))
        {
            throw new CheckpointException($"The GHN checkpoint {file} does not exist; set GhnCheckpoint (or --checkpoint) to a .safetensors or reference .pt file, or to a hub id hf:<org>/<repo>/<file>.");
        }

        // A hub file was just checked against the SHA-256 its blob is named by: hashing it again (gigabytes for the
        // large GHNs) would repeat that work on every build.
        var sha256 = expectedSha256 is not null || !file.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase)
            ? (IsHubId(location) ? HubDownload.BlobSha256(file) : null) ?? Sha256(file)
            : null;
        if (expectedSha256 is not null && !string.Equals(sha256, expectedSha256.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new CheckpointException($"The GHN checkpoint {location} has SHA-256 {sha256}, not the pinned {expectedSha256.Trim()} (GhnCheckpointSha256 / --checkpoint-sha256); update the pin or restore the file.");
        }

        if (file.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            return file;
        }

        var converted = Path.Combine(CacheDirectory, "converted", sha256 + ".safetensors");
        if (!File.Exists(converted))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(converted)!);
            var partial = converted + $".{Environment.ProcessId}.partial";
            ReferenceCheckpoint.Import(file, partial).Dispose();
            File.Move(partial, converted, overwrite: true);
            log.WriteLine($"converted {location} to {converted}");
        }

        return converted;
    }

    /// <summary>The lowercase hex SHA-256 of a file.</summary>
    public static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    /// <summary><c>$GHN_CACHE</c>, else <c>$XDG_CACHE_HOME/ghn</c>, else <c>~/.cache/ghn</c>.</summary>
    private static string CacheDirectory =>
        Environment.GetEnvironmentVariable("GHN_CACHE") is { Length: > 0 } cache ? cache
        : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "ghn");
}

/// <summary>A file of a model repository on the hub: <c>&lt;org&gt;/&lt;repo&gt;/&lt;file&gt;[@&lt;revision&gt;]</c>.</summary>
internal sealed record HubId(string Organization, string Repository, string File, string Revision)
{
    /// <exception cref="CheckpointException">The id is not of that form.</exception>
    public static HubId Parse(string id)
    {
        var at = id.LastIndexOf('@');
        var (path, revision) = at > 0 ? (id[..at], id[(at + 1)..]) : (id, "main");
        var parts = path.Split('/', 3);
        if (parts.Length != 3 || parts.Any(p => p.Length == 0) || revision.Length == 0 || parts[2].Split('/').Contains(".."))
        {
            throw new CheckpointException($"hf:{id} is not a hub id; write hf:<org>/<repo>/<file>[@<revision>], e.g. hf:SamsungSAILMontreal/ghn3/ghn3tm8.pt.");
        }

        return new HubId(parts[0], parts[1], parts[2], revision);
    }

    public override string ToString() => $"hf:{Organization}/{Repository}/{File}@{Revision}";
}
