namespace Ghn.Build.Tests.Infrastructure;

/// <summary>
/// A model project outside the repository that references Ghn.Build, TorchSharp and the CPU LibTorch by package, the
/// way a user's project does, with nullable and warnings-as-errors on so the generated code is held to that standard.
/// </summary>
internal sealed class ConsumerProject
{
    public const string AssemblyName = "Consumer";

    private readonly PackageFeed _feed;

    public ConsumerProject(PackageFeed feed, string name)
    {
        _feed = feed;
        Directory = Path.Combine(feed.Root, name);
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="ghn-test-feed" value="{feed.FeedDirectory}" />
              </packageSources>
            </configuration>
            """);
        WriteProject();
    }

    public string Directory { get; }

    public string WeightsDirectory => Path.Combine(Directory, "obj", "Debug", "net10.0", "ghn");

    public string OutputAssembly => Path.Combine(Directory, "bin", "Debug", "net10.0", AssemblyName + ".dll");

    /// <summary>Writes the project file; <paramref name="properties"/> are extra MSBuild properties.</summary>
    public void WriteProject(IReadOnlyDictionary<string, string>? properties = null, bool referenceLibTorch = true)
    {
        var extra = string.Concat((properties ?? new Dictionary<string, string>()).Select(p => $"\n    <{p.Key}>{p.Value}</{p.Key}>"));
        File.WriteAllText(Path.Combine(Directory, AssemblyName + ".csproj"), $$"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>{{extra}}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Ghn.Build" Version="{{_feed.Version}}" />
                <PackageReference Include="TorchSharp" Version="0.107.0" />
                {{(referenceLibTorch ? "<PackageReference Include=\"libtorch-cpu-linux-x64\" Version=\"2.10.0\" />" : "")}}
              </ItemGroup>
            </Project>
            """);
    }

    public void WriteSource(string fileName, string text) => File.WriteAllText(Path.Combine(Directory, fileName), text);

    public void DeleteSource(string fileName) => File.Delete(Path.Combine(Directory, fileName));

    /// <summary>Builds with normal verbosity, so the log shows which targets ran and what the tool did.</summary>
    public ProcessResult Build(params string[] properties) =>
        DotNet.Run(Directory, ["build", "-nologo", "-v:n", .. properties.Select(p => "-p:" + p)]);

    public ProcessResult Clean() => DotNet.Run(Directory, "clean", "-nologo");

    public ProcessResult Run(params string[] arguments) => DotNet.Run(Directory, ["exec", OutputAssembly, .. arguments]);

    /// <summary>The predicted-weights file the build wrote for <paramref name="model"/> (full type name).</summary>
    public string WeightsFile(string model) => Path.Combine(WeightsDirectory, model + ".safetensors");
}
