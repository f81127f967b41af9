using System.Security.Cryptography;
using Ghn.Checkpoints;

namespace Ghn.Import;

/// <summary>
/// Fetches a file of a model repository the way <c>huggingface_hub</c> does, sharing its cache: from
/// <c>$HF_ENDPOINT</c> (default the public hub) at <c>&lt;endpoint&gt;/&lt;org&gt;/&lt;repo&gt;/resolve/&lt;revision&gt;/&lt;file&gt;</c>
/// into <c>$HF_HUB_CACHE</c> (else <c>$HF_HOME/hub</c>, else <c>~/.cache/huggingface/hub</c>):
/// <c>models--&lt;org&gt;--&lt;repo&gt;/blobs/&lt;sha256&gt;</c>, <c>snapshots/&lt;commit&gt;/&lt;file&gt;</c> and <c>refs/&lt;revision&gt;</c>.
/// A download lands in a temporary file and becomes a blob only when complete and hashed; a cached blob is checked
/// against its name before use. <c>HF_TOKEN</c> authorises; <c>HF_HUB_OFFLINE=1</c> uses the cache only.
/// </summary>
internal static class HubDownload
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(30) };

    /// <summary>The local file of <paramref name="id"/>, downloaded when the cache does not hold it.</summary>
    /// <exception cref="CheckpointException">It cannot be downloaded, or the cached or downloaded bytes are not what they should be.</exception>
    public static string Fetch(HubId id, TextWriter log)
    {
        var repository = Path.Combine(CacheRoot, $"models--{id.Organization}--{id.Repository}");
        var cached = Cached(repository, id);
        if (cached is not null)
        {
            return cached;
        }

        if (Environment.GetEnvironmentVariable("HF_HUB_OFFLINE") is "1" or "true" or "TRUE")
        {
            throw new CheckpointException($"{id} is not in the hub cache {repository} and HF_HUB_OFFLINE is set; download it once without HF_HUB_OFFLINE.");
        }

        return Download(repository, id, log);
    }

    private static string CacheRoot =>
        Environment.GetEnvironmentVariable("HF_HUB_CACHE") is { Length: > 0 } cache ? cache
        : Path.Combine(Environment.GetEnvironmentVariable("HF_HOME") is { Length: > 0 } home ? home : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "huggingface"), "hub");

    private static string Endpoint => (Environment.GetEnvironmentVariable("HF_ENDPOINT") is { Length: > 0 } endpoint ? endpoint : "https://huggingface.co").TrimEnd('/');

    /// <summary>The snapshot file of the revision (its commit from <c>refs/</c>, as Python writes it), checked against its blob's name.</summary>
    private static string? Cached(string repository, HubId id)
    {
        var reference = Path.Combine(repository, "refs", id.Revision);
        var commit = File.Exists(reference) ? File.ReadAllText(reference).Trim() : id.Revision;
        var snapshot = Path.Combine(repository, "snapshots", commit, id.File);
        if (!File.Exists(snapshot))
        {
            return null;
        }

        if (BlobSha256(snapshot) is { } name && CheckpointLocation.Sha256(Blob(snapshot)) != name)
        {
            throw new CheckpointException($"The cached hub file {Blob(snapshot)} ({id}) does not match its SHA-256 {name}: it is corrupt or was changed. Delete it and {snapshot} to download it again.");
        }

        return snapshot;
    }

    /// <summary>The SHA-256 a snapshot file's blob is named by (checked by <see cref="Fetch"/>), or null when it is not so named.</summary>
    public static string? BlobSha256(string snapshot)
    {
        var name = Path.GetFileName(Blob(snapshot));
        return name.Length == 64 && name.All(Uri.IsHexDigit) ? name.ToLowerInvariant() : null;
    }

    private static string Blob(string snapshot) =>
        new FileInfo(snapshot).LinkTarget is { } target ? Path.GetFullPath(target, Path.GetDirectoryName(snapshot)!) : snapshot;

    private static string Download(string repository, HubId id, TextWriter log)
    {
        var url = $"{Endpoint}/{Uri.EscapeDataString(id.Organization)}/{Uri.EscapeDataString(id.Repository)}/resolve/{Uri.EscapeDataString(id.Revision)}/{string.Join('/', id.File.Split('/').Select(Uri.EscapeDataString))}";
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (Environment.GetEnvironmentVariable("HF_TOKEN") is { Length: > 0 } token)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        var blobs = Path.Combine(repository, "blobs");
        Directory.CreateDirectory(blobs);
        var partial = Path.Combine(blobs, $"{Guid.NewGuid():N}.incomplete");
        try
        {
            using var response = Send(request, id, url);
            var expectedLength = response.Content.Headers.ContentLength;
            string sha256;
            long length;
            using (var source = response.Content.ReadAsStream())
            using (var target = File.Create(partial))
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[1 << 20];
                var progress = System.Diagnostics.Stopwatch.StartNew();
                int read;
                while ((read = Read(source, buffer, id)) > 0)
                {
                    target.Write(buffer, 0, read);
                    hash.AppendData(buffer, 0, read);
                    if (progress.Elapsed > TimeSpan.FromSeconds(2))
                    {
                        // Progress for downloads longer than a moment (the large GHN-3s are up to 2.5 GB).
                        log.WriteLine($"downloading {id}: {target.Length / 1e6:F0}{(expectedLength is { } total ? $" of {total / 1e6:F0}" : "")} MB");
                        progress.Restart();
                    }
                }

                (sha256, length) = (Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant(), target.Length);
            }

            if (expectedLength is { } announced && announced != length)
            {
                throw new CheckpointException($"The download of {id} from {url} ended after {length:N0} of {announced:N0} bytes; nothing was cached. Try again.");
            }

            // The hub names large files by their SHA-256 (X-Linked-Etag, else ETag); a mismatch is a broken transfer.
            var etag = (response.Headers.TryGetValues("X-Linked-Etag", out var linked) ? linked.First() : response.Headers.ETag?.Tag)?.Trim('"');
            if (etag is { Length: 64 } && !string.Equals(etag, sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new CheckpointException($"The download of {id} from {url} has SHA-256 {sha256}, but the hub announced {etag}; nothing was cached. Try again.");
            }

            var blob = Path.Combine(blobs, sha256);
            File.Move(partial, blob, overwrite: true);
            var commit = response.Headers.TryGetValues("X-Repo-Commit", out var commits) ? commits.First() : id.Revision;
            var snapshot = Path.Combine(repository, "snapshots", commit, id.File);
            Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
            File.Delete(snapshot);
            File.CreateSymbolicLink(snapshot, Path.GetRelativePath(Path.GetDirectoryName(snapshot)!, blob));
            Directory.CreateDirectory(Path.Combine(repository, "refs"));
            File.WriteAllText(Path.Combine(repository, "refs", id.Revision), commit);
            log.WriteLine($"downloaded {id} from {url} ({length / 1e6:F1} MB) into {repository}");
            return snapshot;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static HttpResponseMessage Send(HttpRequestMessage request, HubId id, string url)
    {
        HttpResponseMessage response;
        try
        {
            response = Http.Send(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException exception)
        {
            throw new CheckpointException($"Cannot reach {url} for {id}: {exception.Message}. Check the network or HF_ENDPOINT, or use a cached copy with HF_HUB_OFFLINE=1.", exception);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new CheckpointException(status switch
            {
                404 => $"{id} does not exist at {url} (404); check the organization, repository, file name and revision.",
                401 or 403 => $"{url} refused access to {id} ({status}); set HF_TOKEN to a token that may read the repository.",
                _ => $"{url} answered {status} for {id}; try again later.",
            });
        }

        return response;
    }

    private static int Read(Stream source, byte[] buffer, HubId id)
    {
        try
        {
            return source.Read(buffer, 0, buffer.Length);
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            throw new CheckpointException($"The download of {id} broke off ({exception.Message}); nothing was cached. Try again.", exception);
        }
    }
}
