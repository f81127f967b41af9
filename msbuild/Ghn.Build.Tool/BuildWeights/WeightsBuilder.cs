using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Ghn.Build.Tool.Projects;
using Ghn.Extraction;
using Ghn.Graphs;
using Ghn.Initialization;
using Microsoft.CodeAnalysis;
using static TorchSharp.torch;

namespace Ghn.Build.Tool.BuildWeights;

/// <summary>
/// Extracts every [GhnInit] model of a compilation with the generator's extractor, predicts the weights of those whose
/// graph or checkpoint changed, and leaves exactly one file per model in the output folder.
/// </summary>
internal static class WeightsBuilder
{
    private static readonly string ToolVersion = ReadToolVersion();

    public static int Run(WeightsBuildRequest request, BuildLog log)
    {
        var output = new WeightsDirectory(request.OutputDirectory);
        using var hypernetwork = new HypernetworkLoader(request);
        if (!output.HasWeights)
        {
            // A first build predicts every model: LibTorch and the GHN load on another core meanwhile.
            hypernetwork.StartInBackground();
        }

        var compilation = ProjectCompilation.Create(request.Project, CancellationToken.None);
        var checkpointHash = TryHashFile(request.CheckpointPath);

        var models = new List<string>();
        var pending = new List<PendingModel>();
        var sourceFiles = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in ProjectCompilation.FindModels(compilation, CancellationToken.None))
        {
            var name = ModelNames.ClrFullName(type);
            var extraction = ModelExtractor.Extract(type, compilation, CancellationToken.None);
            sourceFiles.UnionWith(extraction.SourceFiles);
            var graph = extraction.Graph;
            if (graph is null)
            {
                // The generator reports why (GHN0xx) and makes ApplyGhnInit() throw; there is nothing to predict.
                log.Detail($"{name}: not predicted, its architecture could not be extracted (see the GHN0xx diagnostics).");
                continue;
            }

            models.Add(name);
            var stamp = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [PredictedWeightsResource.GraphHashKey] = graph.ContentHash,
                [PredictedWeightsResource.CheckpointHashKey] = checkpointHash ?? "",
                [PredictedWeightsResource.ToolVersionKey] = ToolVersion,
            };
            if (checkpointHash is not null && output.IsUpToDate(name, stamp))
            {
                log.Detail($"{name}: up to date (graph {graph.ContentHash}).");
                continue;
            }

            pending.Add(new PendingModel(name, type.Locations.FirstOrDefault(), graph, stamp));
        }

        foreach (var removed in output.RemoveAllExcept(models))
        {
            log.Detail($"removed {removed}: its model is gone or no longer extractable.");
        }

        if (request.DependencyFile is { } dependencyFile)
        {
            // What the next build compares with this run: only an edit to one of these files (or to a file that could
            // declare a new model, which the targets check themselves) can change a model.
            File.WriteAllLines(dependencyFile, sourceFiles);
        }

        var report = new PredictionReport(request.OutputDirectory);
        var failed = pending.Count > 0 ? Predict(hypernetwork.Get(), request, pending, output, report, log) : [];
        report.Save(models.Except(failed));

        using var process = Process.GetCurrentProcess();
        log.Detail($"{models.Count} model(s), {pending.Count} predicted, {(DateTime.Now - process.StartTime).TotalMilliseconds:F0} ms since the tool process started.");
        return log.ExitCode;
    }

    /// <returns>The models that could not be predicted.</returns>
    private static IReadOnlyList<string> Predict(
        LoadedHypernetwork loaded, WeightsBuildRequest request, IReadOnlyList<PendingModel> pending, WeightsDirectory output, PredictionReport report, BuildLog log)
    {
        if (loaded.Network is not { } ghn)
        {
            log.Failure(loaded.Failure!);
            foreach (var model in pending)
            {
                output.WriteFailure(model.Name, loaded.Failure!.ExplainFor(model.Name));
            }

            return pending.Select(m => m.Name).ToArray();
        }

        var failed = new List<string>();
        var device = ghn.Device.type.ToString().ToLowerInvariant();
        log.Detail($"loaded the GHN checkpoint {request.CheckpointPath} on {device} in {loaded.Elapsed.TotalMilliseconds:F0} ms.");
        foreach (var model in pending)
        {
            var start = Stopwatch.GetTimestamp();
            using var scope = NewDisposeScope();
            try
            {
                var primitive = model.Graph.ToPrimitiveGraph();
                var weights = ghn.Predict(primitive);
                var metadata = new Dictionary<string, string>(model.Stamp) { [GhnConfig.MetadataKey] = ghn.Config.ToJson() };
                output.WriteWeights(model.Name, weights, metadata);
                var parameters = weights.Values.Sum(w => w.numel());
                var elapsed = Stopwatch.GetElapsedTime(start);
                report.Record(model.Name, parameters, elapsed, device);
                log.Summary($"{model.Name}: predicted {parameters:N0} parameters ({weights.Count} tensors) in {elapsed.TotalMilliseconds:F0} ms on {device}.");
                log.Detail($"{model.Name}: graph of {model.Graph.Nodes.Count} ops and {primitive.Nodes.Count} primitive nodes, hash {model.Graph.ContentHash}.");
            }
            catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or NotSupportedException or GraphFormatException or ExternalException)
            {
                var predictionFailure = BuildFailure.PredictionFailed(model.Name, exception.Message);
                log.Failure(predictionFailure, model.Location);
                output.WriteFailure(model.Name, predictionFailure.ExplainFor(model.Name));
                failed.Add(model.Name);
            }
        }

        return failed;
    }

    private static string? TryHashFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string ReadToolVersion()
    {
        var version = typeof(WeightsBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        return version.Split('+')[0];
    }

    private sealed record PendingModel(string Name, Location? Location, ArchitectureGraph Graph, IReadOnlyDictionary<string, string> Stamp);
}
