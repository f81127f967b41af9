using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ghn.Training.Training;

/// <summary>
/// The files of a meta-training run in its output directory. The latest state is three files written together:
/// <see cref="GhnFile"/> (the GHN, in <see cref="GraphHyperNetwork.Save"/>'s safetensors format, usable as is),
/// <see cref="OptimizerFile"/> (AdamW's moments, TorchSharp's optimiser format) and <see cref="StateFile"/>
/// (<see cref="TrainerState"/>, JSON), which is written last and so marks a complete checkpoint.
/// <see cref="BestGhnFile"/> is the GHN with the best validation accuracy.
/// </summary>
public static class TrainingCheckpoint
{
    /// <summary>The latest GHN weights.</summary>
    public const string GhnFile = "ghn.safetensors";

    /// <summary>The GHN weights with the best validation accuracy.</summary>
    public const string BestGhnFile = "ghn-best.safetensors";

    /// <summary>The optimiser state of the latest checkpoint.</summary>
    public const string OptimizerFile = "optimizer.bin";

    /// <summary>The trainer state of the latest checkpoint.</summary>
    public const string StateFile = "trainer-state.json";

    /// <summary>The training log, one JSON object per line.</summary>
    public const string LogFile = "train-log.jsonl";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Whether <paramref name="directory"/> holds a complete checkpoint.</summary>
    public static bool Exists(string directory) => File.Exists(Path.Combine(directory, StateFile));

    /// <summary>Reads the trainer state of the checkpoint in <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">The state file is missing or unreadable.</exception>
    public static TrainerState ReadState(string directory)
    {
        var path = Path.Combine(directory, StateFile);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"'{directory}' holds no meta-training checkpoint ({StateFile} is missing); start a new run instead of resuming.");
        }

        try
        {
            return JsonSerializer.Deserialize<TrainerState>(File.ReadAllText(path), Json)
                ?? throw new InvalidDataException($"'{path}' is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid trainer state ({e.Message}).", e);
        }
    }

    /// <summary>Writes a checkpoint: each file goes to a temporary name first, and the state file is renamed last.</summary>
    internal static void Write(string directory, GraphHyperNetwork ghn, TorchSharp.Modules.OptimizerHelper optimizer, TrainerState state)
    {
        Directory.CreateDirectory(directory);
        WriteAtomically(Path.Combine(directory, GhnFile), ghn.Save);
        WriteAtomically(Path.Combine(directory, OptimizerFile), optimizer.save_state_dict);
        WriteAtomically(Path.Combine(directory, StateFile), path => File.WriteAllText(path, JsonSerializer.Serialize(state, Json)));
    }

    /// <summary>Saves <paramref name="ghn"/> as the best GHN so far.</summary>
    internal static void WriteBest(string directory, GraphHyperNetwork ghn) =>
        WriteAtomically(Path.Combine(directory, BestGhnFile), ghn.Save);

    private static void WriteAtomically(string path, Action<string> write)
    {
        var temporary = path + ".tmp";
        write(temporary);
        File.Move(temporary, path, overwrite: true);
    }
}
