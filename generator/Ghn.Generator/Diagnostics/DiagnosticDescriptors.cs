using Microsoft.CodeAnalysis;

namespace Ghn.Generator.Diagnostics;

/// <summary>
/// The generator's own diagnostics: misuse of <c>[GhnInit]</c> that prevents generating members. They use
/// GHN050 and up; the extractor's diagnostics (why a model's graph could not be extracted) use lower ids, and a class
/// that is not a TorchSharp module is the extractor's GHN005 for both.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Ghn.Generator";

    public static readonly DiagnosticDescriptor ModelNotPartial = new(
        "GHN050",
        "[GhnInit] class must be partial",
        "'{0}' is marked [GhnInit] but is not partial, so GhnArchitecture and ApplyGhnInit cannot be generated; declare it 'partial class {1}'",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ContainingTypeNotPartial = new(
        "GHN051",
        "Type containing a [GhnInit] class must be partial",
        "'{0}' is marked [GhnInit] but is nested in '{1}', which is not partial; declare every containing type partial",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ModelGeneric = new(
        "GHN053",
        "[GhnInit] class must not be generic",
        "'{0}' is marked [GhnInit] but is generic or nested in a generic type, so it has no single architecture to extract; move [GhnInit] to a non-generic class (for example a sealed class deriving from a closed generic base)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ModelAbstract = new(
        "GHN054",
        "[GhnInit] class must not be abstract",
        "'{0}' is marked [GhnInit] but is abstract, so it cannot be instantiated and has no architecture of its own; put [GhnInit] on the concrete classes that derive from it",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ModelStatic = new(
        "GHN055",
        "[GhnInit] class must not be static",
        "'{0}' is marked [GhnInit] but is static, and a static class cannot be a TorchSharp module; remove 'static' and derive from Module<Tensor, Tensor>",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ModelFileLocal = new(
        "GHN056",
        "[GhnInit] class must not be file-local",
        "'{0}' is marked [GhnInit] but is file-local, and generated members cannot be added to a 'file' type from another file; remove the 'file' modifier (make it internal instead)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MemberNameConflict = new(
        "GHN057",
        "[GhnInit] class declares a member the generator emits",
        "'{0}' is marked [GhnInit] but already declares a member named '{1}', which the generator emits; rename or remove that member",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}
