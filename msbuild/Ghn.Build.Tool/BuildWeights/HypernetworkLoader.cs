using System.Diagnostics;
using System.Runtime.InteropServices;
using Ghn.Checkpoints;
using TorchSharp;
using static TorchSharp.torch;
using Ghn.Import;

namespace Ghn.Build.Tool.BuildWeights;

/// <summary>
/// Loads LibTorch and the GHN checkpoint of a build, either when a model first needs predicting or ahead of time.
/// Ahead of time (a first build, where every model will be predicted) it runs on another core while Roslyn creates the
/// compilation and the models are extracted, which take about as long; a build that then predicts nothing has only
/// spent that core.
/// </summary>
internal sealed class HypernetworkLoader : IDisposable
{
    private readonly WeightsBuildRequest _request;
    private Task<LoadedHypernetwork>? _load;

    public HypernetworkLoader(WeightsBuildRequest request) => _request = request;

    /// <summary>Starts loading on a thread-pool thread, if it has not started yet.</summary>
    public void StartInBackground() => _load ??= Task.Run(Load);

    /// <summary>The loaded GHN, or why there is none; loads it on this thread unless it was started in the background.</summary>
    public LoadedHypernetwork Get() => (_load ??= Task.FromResult(Load())).GetAwaiter().GetResult();

    /// <summary>Waits for a background load (a process that exits while LibTorch initialises on another thread can crash) and disposes the GHN.</summary>
    public void Dispose()
    {
        if (_load is null)
        {
            return;
        }

        try
        {
            _load.Wait();
        }
        catch (AggregateException)
        {
            // Get() rethrew it where the GHN was needed; where it was not, the failure does not matter.
            return;
        }

        _load.Result.Network?.Dispose();
    }

    private LoadedHypernetwork Load()
    {
        var start = Stopwatch.GetTimestamp();
        var network = TryLoad(out var failure);
        return new LoadedHypernetwork(network, failure, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>Loads LibTorch, then the checkpoint, telling the two kinds of failure apart because their fixes differ.</summary>
    private GraphHyperNetwork? TryLoad(out BuildFailure? failure)
    {
        failure = null;
        try
        {
            // Loaded here first because TorchSharp's own fallback, when it cannot find LibTorchSharp, copies all of LibTorch
            // (~500 MB) from the NuGet cache next to TorchSharp.dll, which for this tool is inside the Ghn.Build package.
            NativeLibrary.Load("LibTorchSharp", typeof(torch).Assembly, null);
            InitializeDeviceType(DeviceType.CPU);

            // The kernels every other ghn command uses: without this switch the same checkpoint and graph predict
            // different low bits here than with `ghn predict`.
            CpuConvolutionKernels.UseIm2ColKernels();
        }
        catch (Exception exception) when (exception is TypeInitializationException or DllNotFoundException or NotSupportedException or EntryPointNotFoundException)
        {
            var reason = string.Join(' ', Innermost(exception).Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            var searchPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
            failure = BuildFailure.LibTorchUnavailable(searchPath is null ? reason : $"{reason} (native library path: {searchPath})");
            return null;
        }

        try
        {
            // Downloading a hub id or converting a reference .pt happens once; the build log gets one line for it.
            return GraphHyperNetwork.Load(CheckpointLocation.Resolve(_request.CheckpointPath, _request.CheckpointSha256, Console.Error), _request.Device);
        }
        catch (Exception exception) when (exception is CheckpointException or IOException or UnauthorizedAccessException)
        {
            failure = BuildFailure.CheckpointUnusable(_request.CheckpointPath, exception.Message);
            return null;
        }
        catch (InvalidOperationException exception)
        {
            failure = BuildFailure.DeviceUnavailable(exception.Message);
            return null;
        }
    }

    private static Exception Innermost(Exception exception) => exception.InnerException is { } inner ? Innermost(inner) : exception;
}

/// <summary>A GHN ready to predict, or the failure that prevented loading it.</summary>
/// <param name="Network">The GHN; <see langword="null"/> when loading failed.</param>
/// <param name="Failure">Why loading failed; <see langword="null"/> when it did not.</param>
/// <param name="Elapsed">The time loading LibTorch and the checkpoint took.</param>
internal sealed record LoadedHypernetwork(GraphHyperNetwork? Network, BuildFailure? Failure, TimeSpan Elapsed);
