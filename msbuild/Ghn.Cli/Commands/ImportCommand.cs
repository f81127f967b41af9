using System.CommandLine;
using Ghn.Cli.Commands.Import;

namespace Ghn.Cli.Commands;

/// <summary><c>ghn import</c>: converts a reference GHN-3 trainer checkpoint (.pt) into a Ghn.Build checkpoint (.safetensors).</summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("checkpoint") { Description = "A torch.save({'state_dict', 'config', ...}) file written by the reference GHN-3 trainer." };
        var output = new Option<FileInfo>("--out") { Description = "The .safetensors checkpoint to write.", Required = true };
        var command = new Command("import", "Convert a reference GHN-3 checkpoint (.pt) to safetensors, validating it.") { input, output };
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
