using System.CommandLine;
using Ghn.Import;

namespace Ghn.Build.Tool;

/// <summary>The <c>--checkpoint</c> option every command that runs a GHN takes, with its optional SHA-256 pin.</summary>
internal sealed class CheckpointOption
{
    public const string Description =
        "The GHN: a .safetensors checkpoint, a reference .pt (a trainer's or the hub's; converted once, cached by its SHA-256), or a hub id hf:<org>/<repo>/<file>[@<revision>].";

    public Option<string> Location { get; } = new("--checkpoint") { Description = Description, Required = true };

    public Option<string?> Sha256 { get; } = new("--checkpoint-sha256") { Description = "Fail unless the checkpoint file (before conversion) has this SHA-256." };

    /// <summary>The safetensors file to load for what the command line names (downloading or converting it first).</summary>
    public string Resolve(ParseResult parse) => CheckpointLocation.Resolve(parse.GetValue(Location)!, parse.GetValue(Sha256), Console.Error);
}
