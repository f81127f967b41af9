namespace Ghn.Build.Tool.Projects;

/// <summary>What the C# compiler gets for one project: the inputs the extractor needs to see the user's code as the build does.</summary>
internal sealed record ProjectInputs(
    string ProjectPath,
    string AssemblyName,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> References,
    IReadOnlyList<string> PreprocessorSymbols,
    string LanguageVersion,
    string Nullable,
    bool AllowUnsafeBlocks);
