using System.CommandLine;
using Ghn.Import;
using Ghn.Build.Tool;

namespace Ghn.Cli.Commands;

/// <summary><c>ghn inspect</c>: validates a GHN checkpoint and prints its configuration and size.</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var checkpoint = new Argument<string>("checkpoint") { Description = CheckpointOption.Description };
        var command = new Command("inspect", "Print a GHN checkpoint's configuration and parameter count.") { checkpoint };
        command.SetAction(parse => CommandErrors.Run(() => Run(parse.GetValue(checkpoint)!)));
        return command;
    }

    private static int Run(string location)
    {
        var checkpoint = CheckpointLocation.Resolve(location, expectedSha256: null, Console.Error);
        using var ghn = GraphHyperNetwork.Load(checkpoint, GhnDevice.Cpu);
        var config = ghn.Config;
        Console.WriteLine(checkpoint);
        Console.WriteLine($"  architecture  {config.Architecture.ToString().ToLowerInvariant()}");
        Console.WriteLine($"  hid           {config.Hid}");
        Console.WriteLine($"  layers        {config.Layers}");
        Console.WriteLine($"  heads         {config.Heads}");
        Console.WriteLine($"  max_shape     ({string.Join(", ", config.MaxShape)})");
        Console.WriteLine($"  num_classes   {config.NumClasses}");
        Console.WriteLine($"  weight_norm   {config.WeightNorm}");
        Console.WriteLine($"  ve            {config.Ve}");
        Console.WriteLine($"  layernorm     {config.Layernorm}");
        Console.WriteLine($"  task          {ghn.Task?.ToString() ?? "not recorded (a reference checkpoint, or one trained before tasks were recorded)"}");
        Console.WriteLine($"  tensors       {ghn.state_dict().Count}");
        Console.WriteLine($"  parameters    {ghn.ParameterCount:N0}");
        return 0;
    }
}
