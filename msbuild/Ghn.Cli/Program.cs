using System.CommandLine;
using Ghn.Cli.Commands;

var root = new RootCommand("ghn: graph hypernetworks for TorchSharp models (Ghn.Build).")
{
    BenchCommand.Create(),
};

return root.Parse(args).Invoke();
