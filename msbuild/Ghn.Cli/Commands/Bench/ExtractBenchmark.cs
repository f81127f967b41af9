using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Ghn.Extraction;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Ghn.Cli.Commands.Bench;

/// <summary>
/// <c>ghn bench extract</c>: time to extract the architecture graphs of torchvision's ResNet-50 and ViT-B/16 written
/// in C# (embedded sources compiled with Roslyn), median after warm-up, in the two situations the generator meets:
/// a build (a new compilation, so Roslyn binds the model's code from scratch) and an IDE edit (a compilation derived
/// from the previous one with the model's file re-parsed). Roslyn's own binding of the whole file is printed beside
/// them for scale.
/// </summary>
internal static class ExtractBenchmark
{
    /// <summary>The benchmark models: the embedded source file (under <c>Models/</c>) and the model type it declares.</summary>
    private static readonly (string File, string Type, string Description)[] Models =
    [
        ("ResNet50.cs", "Ghn.Benchmarks.ResNet50", "torchvision ResNet-50 in C#"),
        ("VitB16.cs", "Ghn.Benchmarks.VitB16", "torchvision ViT-B/16 in C# (attention written out)"),
    ];

    public static Command Create()
    {
        var warmup = new Option<int>("--warmup") { Description = "Untimed runs per case.", DefaultValueFactory = _ => 10 };
        var runs = new Option<int>("--runs") { Description = "Timed runs per case.", DefaultValueFactory = _ => 50 };
        var command = new Command("extract", "Architecture extraction time of a ResNet-50 and a ViT-B/16 written in C#.") { warmup, runs };
        command.SetAction(parse => CommandErrors.Run(() => Run(parse.GetValue(warmup), parse.GetValue(runs))));
        return command;
    }

    private static int Run(int warmup, int runs)
    {
        var references = References();
        var rows = new List<string[]>();
        foreach (var (file, type, description) in Models)
        {
            var tree = CSharpSyntaxTree.ParseText(ReadModelSource(file), new CSharpParseOptions(LanguageVersion.Latest), path: file);
            CSharpCompilation Compile() => CSharpCompilation.Create(
                Path.GetFileNameWithoutExtension(file), [tree], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

            var baseline = Compile();
            var errors = baseline.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"The benchmark model {file} does not compile:\n" + string.Join("\n", errors));
            }

            var graph = Extract(baseline, type).Graph!;
            Console.WriteLine($"{description}: {graph.Nodes.Count - 2} ops, {graph.Parameters.Count()} parameter tensors, {graph.ParameterCount.ToString("N0", CultureInfo.InvariantCulture)} parameters.");
            var model = Path.GetFileNameWithoutExtension(file);
            rows.Add(Row(model, "extraction, new compilation (build)", warmup, runs, () => Extract(Compile(), type)));
            rows.Add(Row(model, "extraction, edited compilation (IDE)", warmup, runs, () => Extract(baseline.ReplaceSyntaxTree(tree, Reparse(tree)), type)));
            rows.Add(Row(model, "Roslyn binding of the whole file, new compilation", warmup, runs, () => Compile().GetSemanticModel(tree).GetDiagnostics()));
        }

        Console.WriteLine($"Median of {runs} runs after {warmup} warm-up; target: extraction < 100 ms.");
        Console.WriteLine();
        Console.Write(Table.Format(["model", "case", "median ms", "CPU ms", "min–max ms"], rows));
        return 0;
    }

    private static ExtractionResult Extract(Compilation compilation, string modelType)
    {
        var result = ModelExtractor.Extract(compilation.GetTypeByMetadataName(modelType)!, compilation);
        return result.Graph is not null
            ? result
            : throw new InvalidOperationException("Extraction failed:\n" + string.Join("\n", result.Diagnostics));
    }

    private static SyntaxTree Reparse(SyntaxTree tree) => CSharpSyntaxTree.ParseText(tree.GetText(), (CSharpParseOptions)tree.Options, tree.FilePath);

    /// <summary>Wall time, and CPU time of the process: on a busy shared machine the latter shows the work itself.</summary>
    private static string[] Row(string model, string name, int warmup, int runs, Action action)
    {
        var cpu = new List<double>();
        var wall = Measurement.Of(
            () =>
            {
                var start = Process.GetCurrentProcess().TotalProcessorTime;
                action();
                cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - start).TotalMilliseconds);
            },
            warmup,
            runs);
        string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
        return [model, name, Ms(wall.Median), Ms(cpu.Skip(warmup).Order().ElementAt(runs / 2)), $"{Ms(wall.Min)}–{Ms(wall.Max)}"];
    }

    private static string ReadModelSource(string file)
    {
        var resource = "Ghn.Cli.Commands.Bench.Models." + file;
        using var stream = typeof(ExtractBenchmark).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Missing embedded resource {resource}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The running framework, TorchSharp and Ghn.Runtime (for [GhnInit]), as a user project references them.</summary>
    private static MetadataReference[] References()
    {
        var framework = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "netstandard.dll" or "mscorlib.dll"));
        return
        [
            .. framework.Select(p => MetadataReference.CreateFromFile(p)),
            MetadataReference.CreateFromFile(typeof(TorchSharp.torch).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(GhnInitAttribute).Assembly.Location),
        ];
    }
}
