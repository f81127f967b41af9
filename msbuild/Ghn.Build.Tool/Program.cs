using System.CommandLine;
using Ghn.Build.Tool;

var root = new RootCommand("Ghn.Build's build tool: run by the GhnPredict MSBuild task as `dotnet Ghn.Build.Tool.dll build-weights @response-file`.")
{
    BuildWeightsCommand.Create(),
};

return root.Parse(args).Invoke();
