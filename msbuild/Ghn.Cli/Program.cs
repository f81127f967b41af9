using System.CommandLine;

var root = new RootCommand("ghn: graph hypernetworks for TorchSharp models (Ghn.Build).");

return root.Parse(args).Invoke();
