using Ghn.Generator.Common;
using Ghn.Generator.Diagnostics;

namespace Ghn.Generator.Model;

/// <summary>The outcome of parsing one <c>[GhnInit]</c> class: a model to emit (null when misuse prevents it) and the diagnostics to report.</summary>
internal sealed record ModelGenerationResult(ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics);
