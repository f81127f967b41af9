using System.CommandLine;
using System.Text;
using Ghn.Build.Tool.Projects;
using Ghn.Cli.Projects;
using Ghn.Extraction;
using Microsoft.CodeAnalysis;

namespace Ghn.Cli.Commands;

/// <summary><c>ghn graph --project &lt;csproj&gt;</c>: prints the extracted graph of each [GhnInit] model of a project.</summary>
internal static class GraphCommand
{
    public static Command Create()
    {
        var project = new Option<FileInfo>("--project") { Description = "The model project (.csproj).", Required = true };
        var type = new Option<string?>("--type") { Description = "Only this model (full type name, e.g. MyApp.Models.TinyCnn)." };
        var view = new Option<string>("--view") { Description = "ops: the executable op graph; primitive: the GHN's primitive graph.", DefaultValueFactory = _ => "ops" };
        view.AcceptOnlyFromAmong("ops", "primitive");
        var configuration = new Option<string>("--configuration", "-c") { Description = "Build configuration whose references are used.", DefaultValueFactory = _ => "Debug" };

        var command = new Command("graph", "Print the architecture graph JSON of each [GhnInit] model of a project.") { project, type, view, configuration };
        command.SetAction(result => CommandErrors.Run(() => Run(
            result.GetValue(project)!.FullName,
            result.GetValue(type),
            result.GetValue(view) == "primitive",
            result.GetValue(configuration)!)));
        return command;
    }

    private static int Run(string projectPath, string? typeName, bool primitive, string configuration)
    {
        var inputs = MsBuildProjectReader.Read(projectPath, configuration);
        var compilation = ProjectCompilation.Create(inputs, CancellationToken.None);
        var models = ProjectCompilation.FindModels(compilation, CancellationToken.None)
            .Where(m => typeName is null || m.ToDisplayString() == typeName)
            .ToArray();
        if (models.Length == 0)
        {
            throw new CommandException(typeName is null
                ? $"{Path.GetFileName(projectPath)} has no class marked [GhnInit]."
                : $"{Path.GetFileName(projectPath)} has no [GhnInit] class named {typeName}.");
        }

        var graphs = new List<(string Name, string Json)>();
        var failed = false;
        foreach (var model in models)
        {
            var result = ModelExtractor.Extract(model, compilation);
            foreach (var diagnostic in result.Diagnostics)
            {
                Console.Error.WriteLine(diagnostic.ToString());
            }

            if (result.Graph is null)
            {
                failed = true;
                continue;
            }

            graphs.Add((model.ToDisplayString(), primitive ? result.Graph.ToPrimitiveGraph().ToJson() : result.Graph.ToJson()));
        }

        Console.Out.Write(graphs.Count == 1 && models.Length == 1 ? graphs[0].Json : KeyedByModel(graphs));
        return failed ? 1 : 0;
    }

    /// <summary>Several graphs print as one JSON object keyed by model type name, so the output stays one JSON document.</summary>
    private static string KeyedByModel(IReadOnlyList<(string Name, string Json)> graphs)
    {
        var text = new StringBuilder("{\n");
        for (var i = 0; i < graphs.Count; i++)
        {
            text.Append("\"").Append(graphs[i].Name).Append("\": ").Append(graphs[i].Json.TrimEnd());
            text.Append(i + 1 < graphs.Count ? ",\n" : "\n");
        }

        return text.Append("}\n").ToString();
    }
}
