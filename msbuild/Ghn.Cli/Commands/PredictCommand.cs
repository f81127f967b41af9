using System.CommandLine;
using System.Diagnostics;
using Ghn.Checkpoints;
using Ghn.Graphs;
using static TorchSharp.torch;
using Ghn.Build.Tool;

namespace Ghn.Cli.Commands;

/// <summary><c>ghn predict</c>: runs a GHN checkpoint on a primitive graph and writes the predicted parameters.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var checkpoint = new CheckpointOption();
        var graph = new Option<FileInfo>("--graph") { Description = "Primitive graph (ghn-primitive-graph/1 JSON).", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Where to write the predicted parameters (.safetensors, keyed by parameter name).", Required = true };
        var device = new Option<string>("--device") { Description = "auto (CUDA if available), cpu or cuda.", DefaultValueFactory = _ => "auto" };
        device.AcceptOnlyFromAmong("auto", "cpu", "cuda");
        var command = new Command("predict", "Predict every parameter of a network from its primitive graph.") { checkpoint.Location, checkpoint.Sha256, graph, output, device };
        command.SetAction(parse => CommandErrors.Run(() => Run(
            checkpoint.Resolve(parse), parse.GetValue(graph)!, parse.GetValue(output)!, parse.GetValue(device)!)));
        return command;
    }

    private static int Run(string checkpoint, FileInfo graphFile, FileInfo output, string deviceName)
    {
        NativeRuntimeSettings.Apply();
        GhnDevices.TryParse(deviceName, out var device);
        var graph = GraphJson.ReadPrimitiveGraph(File.ReadAllText(graphFile.FullName));
        using var ghn = GraphHyperNetwork.Load(checkpoint, device);

        using var scope = NewDisposeScope();
        var start = Stopwatch.GetTimestamp();
        var predicted = ghn.Predict(graph);
        var elapsed = Stopwatch.GetElapsedTime(start);
        SafetensorsFile.Write(output.FullName, predicted);

        var parameters = predicted.Values.Sum(t => t.numel());
        Console.WriteLine($"Predicted {predicted.Count} tensors, {parameters:N0} parameters in {elapsed.TotalMilliseconds:F1} ms on {ghn.Device.type.ToString().ToLowerInvariant()}.");
        Console.WriteLine($"Wrote {output.FullName}");
        return 0;
    }
}
