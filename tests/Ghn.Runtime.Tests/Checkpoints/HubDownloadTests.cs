using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Ghn.Checkpoints;
using Ghn.Import;

namespace Ghn.Runtime.Tests.Checkpoints;

/// <summary>
/// Hub ids against a model hub served on loopback (no external network): download into huggingface_hub's cache
/// layout, reuse without the server, and the ways a download or a cache goes wrong. One class, so that the
/// process-wide HF_* variables it sets are not seen by tests running in parallel.
/// </summary>
public sealed class HubDownloadTests : IDisposable
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";

    private static readonly string[] Variables = ["HF_ENDPOINT", "HF_HUB_CACHE", "GHN_CACHE", "HF_HUB_OFFLINE", "HF_TOKEN", "HF_HOME"];

    private readonly Dictionary<string, string?> _saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
    private readonly string _directory = Directory.CreateTempSubdirectory("ghn-hub-").FullName;
    private readonly byte[] _checkpoint = File.ReadAllBytes(ParityFixtureDirectory.RandomGhnCheckpoint);
    private readonly HttpListener _server = new();
    private int _requests;

    public HubDownloadTests()
    {
        var port = FreePort();
        _server.Prefixes.Add($"http://127.0.0.1:{port}/");
        _server.Start();
        _ = Task.Run(Serve);
        Environment.SetEnvironmentVariable("HF_ENDPOINT", $"http://127.0.0.1:{port}");
        Environment.SetEnvironmentVariable("HF_HUB_CACHE", Path.Combine(_directory, "hub"));
        Environment.SetEnvironmentVariable("GHN_CACHE", Path.Combine(_directory, "ghn"));
        Environment.SetEnvironmentVariable("HF_HUB_OFFLINE", null);
        Environment.SetEnvironmentVariable("HF_TOKEN", null);
    }

    private string Repository => Path.Combine(_directory, "hub", "models--org--ghns");

    [Fact]
    public void A_hub_id_is_downloaded_once_into_the_hub_cache_and_reused_without_the_server()
    {
        var path = CheckpointLocation.Resolve("hf:org/ghns/ghn3.safetensors", null, TextWriter.Null);

        var sha256 = Convert.ToHexString(SHA256.HashData(_checkpoint)).ToLowerInvariant();
        Assert.Equal(Path.Combine(Repository, "snapshots", Commit, "ghn3.safetensors"), path);
        Assert.Equal(_checkpoint, File.ReadAllBytes(Path.Combine(Repository, "blobs", sha256)));
        Assert.Equal(Commit, File.ReadAllText(Path.Combine(Repository, "refs", "main")));
        Assert.Single(Directory.GetFiles(Path.Combine(Repository, "blobs")));

        _server.Stop();
        Environment.SetEnvironmentVariable("HF_HUB_OFFLINE", "1");
        Assert.Equal(path, CheckpointLocation.Resolve("hf:org/ghns/ghn3.safetensors", sha256, TextWriter.Null));
        Assert.Equal(1, _requests);
        using var ghn = GraphHyperNetwork.Load(path, GhnDevice.Cpu);
        Assert.Equal(32, ghn.Config.Hid);
    }

    [Fact]
    public void A_truncated_transfer_leaves_nothing_that_looks_complete()
    {
        var exception = Assert.Throws<CheckpointException>(() => CheckpointLocation.Resolve("hf:org/ghns/truncated.safetensors", null, TextWriter.Null));

        Assert.Contains("nothing was cached", exception.Message);
        Assert.Empty(Directory.GetFiles(Path.Combine(Repository, "blobs")));
        Assert.False(Directory.Exists(Path.Combine(Repository, "snapshots")));
    }

    [Fact]
    public void A_tampered_cache_blob_is_an_error_that_says_to_delete_it()
    {
        var path = CheckpointLocation.Resolve("hf:org/ghns/ghn3.safetensors", null, TextWriter.Null);
        var blob = Directory.GetFiles(Path.Combine(Repository, "blobs")).Single();
        File.WriteAllBytes(blob, [.. _checkpoint.Take(_checkpoint.Length - 1), 0]);

        var exception = Assert.Throws<CheckpointException>(() => CheckpointLocation.Resolve("hf:org/ghns/ghn3.safetensors", null, TextWriter.Null));

        Assert.Contains(blob, exception.Message);
        Assert.Contains("Delete it", exception.Message);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void A_missing_file_is_a_404_that_names_what_to_check()
    {
        var exception = Assert.Throws<CheckpointException>(() => CheckpointLocation.Resolve("hf:org/ghns/missing.pt@v2", null, TextWriter.Null));

        Assert.Contains("404", exception.Message);
        Assert.Contains("hf:org/ghns/missing.pt@v2", exception.Message);
    }

    [Fact]
    public void A_pin_that_does_not_match_fails_and_a_reference_pt_is_converted_once()
    {
        var pinned = Assert.Throws<CheckpointException>(() => CheckpointLocation.Resolve("hf:org/ghns/ghn3.safetensors", new string('0', 64), TextWriter.Null));
        Assert.Contains("pinned", pinned.Message);

        var converted = CheckpointLocation.Resolve("hf:org/ghns/ghn3-hub.pt", null, TextWriter.Null);
        Assert.StartsWith(Path.Combine(_directory, "ghn", "converted"), converted);
        Assert.Equal(converted, CheckpointLocation.Resolve("hf:org/ghns/ghn3-hub.pt", null, TextWriter.Null));
        using var ghn = GraphHyperNetwork.Load(converted, GhnDevice.Cpu);
        Assert.Equal(1000, ghn.Config.NumClasses);
    }

    [Fact]
    public void A_malformed_hub_id_says_how_to_write_one() =>
        Assert.Contains("hf:<org>/<repo>/<file>", Assert.Throws<CheckpointException>(() => CheckpointLocation.Resolve("hf:org/ghn3.pt", null, TextWriter.Null)).Message);

    public void Dispose()
    {
        if (_server.IsListening)
        {
            _server.Stop();
        }

        _server.Close();
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task Serve()
    {
        while (_server.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _server.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            var response = context.Response;
            var path = context.Request.Url!.AbsolutePath;
            byte[]? body = path switch
            {
                "/org/ghns/resolve/main/ghn3.safetensors" or "/org/ghns/resolve/main/truncated.safetensors" => _checkpoint,
                "/org/ghns/resolve/main/ghn3-hub.pt" => File.ReadAllBytes(Path.Combine(ParityFixtureDirectory.Path, "ghn3-hub", "ghn3-hub-random.pt")),
                _ => null,
            };
            if (body is null)
            {
                response.StatusCode = 404;
                response.Close();
                continue;
            }

            response.Headers["X-Repo-Commit"] = Commit;
            response.Headers["ETag"] = $"\"{Convert.ToHexString(SHA256.HashData(body)).ToLowerInvariant()}\"";
            response.ContentLength64 = body.Length;
            if (path.Contains("truncated", StringComparison.Ordinal))
            {
                // Half the announced bytes, then the connection drops.
                await response.OutputStream.WriteAsync(body.AsMemory(0, body.Length / 2));
                response.Abort();
                continue;
            }

            await response.OutputStream.WriteAsync(body);
            response.Close();
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
