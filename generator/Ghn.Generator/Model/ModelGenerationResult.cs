using Ghn.Generator.Common;
using Ghn.Generator.Diagnostics;

namespace Ghn.Generator.Model;

/// <summary>The outcome of parsing one <c>[GhnInit]</c> class.</summary>
/// <param name="Model">The model to emit, or null when misuse of <c>[GhnInit]</c> prevents it.</param>
/// <param name="UsageDiagnostics">The generator's own diagnostics (GHN050 and up): always errors.</param>
/// <param name="ExtractionDiagnostics">
/// What the extractor reported. Its errors skip the model without failing the build unless the project asks for
/// that (see <see cref="GhnInitGenerator"/>), so their severity is decided when they are reported.
/// </param>
internal sealed record ModelGenerationResult(
    ModelSpec? Model,
    EquatableArray<DiagnosticInfo> UsageDiagnostics,
    EquatableArray<DiagnosticInfo> ExtractionDiagnostics);
