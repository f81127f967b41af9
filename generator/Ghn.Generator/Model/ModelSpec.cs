using Ghn.Generator.Common;

namespace Ghn.Generator.Model;

/// <summary>Everything the emitter needs to generate the members of one <c>[GhnInit]</c> model, as equatable data.</summary>
/// <param name="Namespace">The namespace as written in C# (for example <c>Models.Vision</c>), or null for the global namespace.</param>
/// <param name="ContainingTypes">The enclosing types, outermost first.</param>
/// <param name="Identifier">The model class's name as a C# identifier.</param>
/// <param name="DisplayName">The model's fully qualified C# name, for messages (<c>Models.Outer.ResNet</c>).</param>
/// <param name="FullName">The model's CLR full name (<c>Models.Outer+ResNet</c>, as <see cref="System.Type.FullName"/> gives it), which names its embedded weights.</param>
/// <param name="Architecture">The extracted graph, or null when extraction failed; equal graphs (node by node) emit the same source.</param>
/// <param name="ExtractionFailureReasons">
/// When extraction failed: the extractor's diagnostics that say why (errors, or a note that the code does not
/// compile yet) as <c>GHN012 Model.cs: message</c>. Without line numbers, so that moving the model leaves its source
/// as it was; the build output has them.
/// </param>
internal sealed record ModelSpec(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string Identifier,
    string DisplayName,
    string FullName,
    Ghn.Graphs.ArchitectureGraph? Architecture,
    EquatableArray<string> ExtractionFailureReasons);
