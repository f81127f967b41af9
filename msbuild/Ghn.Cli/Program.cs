using System.CommandLine;
using Ghn.Cli.Commands;

var root = new RootCommand("ghn: graph hypernetworks for TorchSharp models (Ghn.Build).")
{
    GraphCommand.Create(),
    BenchCommand.Create(),
    PredictCommand.Create(),
    InspectCommand.Create(),
    ImportCommand.Create(),
    SampleCommand.Create(),
    TrainCommand.Create(),
    EvalCommand.Create(),
    RankCommand.Create(),
};

return root.Parse(args).Invoke();
