using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Ghn.Generator.Model;

/// <summary>The outcome of parsing one <c>[GhnInit]</c> class.</summary>
/// <remarks>
/// Not equatable on purpose: the diagnostics keep their source locations, so that <c>#pragma warning disable</c>
/// and the IDE see them where they are. The pipeline splits this into the equatable <see cref="Model"/>, which alone
/// drives emission, and the diagnostics, reported by an output of their own (as System.Text.Json's generator does).
/// </remarks>
/// <param name="Model">The model to emit, or null when misuse of <c>[GhnInit]</c> prevents it.</param>
/// <param name="UsageDiagnostics">The generator's own diagnostics (GHN050 and up): always errors.</param>
/// <param name="ExtractionDiagnostics">
/// What the extractor reported. Its errors skip the model without failing the build unless the project asks for
/// that (see <see cref="GhnInitGenerator"/>), so their severity is decided when they are reported.
/// </param>
internal sealed record ModelGenerationResult(
    ModelSpec? Model,
    ImmutableArray<Diagnostic> UsageDiagnostics,
    ImmutableArray<Diagnostic> ExtractionDiagnostics);
