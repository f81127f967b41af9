using System.CommandLine;
using Ghn.Import;

namespace Ghn.Cli.Commands;

/// <summary><c>ghn import</c>: converts a checkpoint of a reference trainer (.pt: ghn3's GHN-3 or GHN-2, ppuda's GHN-2) into a Ghn.Build checkpoint (.safetensors).</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("checkpoint") { Description = "A torch.save({'state_dict', 'config', ...}) file written by a reference trainer: ghn3's (GHN-3, GHN-2) or ppuda's (GHN-2)." };
        var output = new Option<FileInfo>("--out") { Description = "The .safetensors checkpoint to write.", Required = true };
        var command = new Command("import", "Convert a reference GHN-3 or GHN-2 checkpoint (.pt) to safetensors, validating it.") { input, output };
        command.SetAction(parse => CommandErrors.Run(() =>
        {
            var ghn = ReferenceCheckpoint.Import(parse.GetValue(input)!.FullName, parse.GetValue(output)!.FullName);
            Console.WriteLine($"Imported {ghn.ParameterCount:N0} parameters, config {ghn.Config.ToJson()}");
            ghn.Dispose();
            return 0;
        }));
        return command;
    }
}
