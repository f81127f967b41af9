using System.Globalization;
using Microsoft.CodeAnalysis;

namespace Ghn.Generator.Diagnostics;

/// <summary>
/// A diagnostic as equatable data: what the pipeline carries from the transform to the output stage in place
/// of a <see cref="Diagnostic"/>, which would root the compilation through its location.
/// </summary>
/// <remarks>
/// The message is kept formatted because the extractor's diagnostics arrive already formatted (Roslyn does not
/// expose a diagnostic's message arguments); the generator's own diagnostics are formatted the same way.
/// <see cref="Severity"/> is the severity reported, which for the extractor's errors depends on the project.
/// </remarks>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, DiagnosticSeverity Severity, string Message, LocationInfo? Location)
{
    /// <summary>A diagnostic of the generator itself.</summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? location, params object[] messageArgs) =>
        new(
            descriptor,
            descriptor.DefaultSeverity,
            string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), messageArgs),
            LocationInfo.From(location));

    /// <summary>A diagnostic produced by another component (the extractor), kept as reported.</summary>
    public static DiagnosticInfo From(Diagnostic diagnostic) =>
        new(diagnostic.Descriptor, diagnostic.Severity, diagnostic.GetMessage(CultureInfo.InvariantCulture), LocationInfo.From(diagnostic.Location));

    /// <summary>The same diagnostic reported as a warning if it is an error.</summary>
    public DiagnosticInfo WithErrorsAsWarnings() =>
        Severity == DiagnosticSeverity.Error ? this with { Severity = DiagnosticSeverity.Warning } : this;

    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(
            Descriptor.Id,
            Descriptor.Category,
            Message,
            Severity,
            Severity,
            Descriptor.IsEnabledByDefault,
            warningLevel: Severity == DiagnosticSeverity.Error ? 0 : 1,
            Descriptor.Title,
            Descriptor.Description,
            Descriptor.HelpLinkUri,
            Location?.ToLocation(),
            additionalLocations: null,
            Descriptor.CustomTags);

    /// <summary>The diagnostic as a build log prints it: <c>GHN012 Model.cs(12,9): message</c>.</summary>
    public string ToDisplayString()
    {
        if (Location is null)
        {
            return $"{Descriptor.Id}: {Message}";
        }

        var start = Location.LineSpan.Start;
        return $"{Descriptor.Id} {Path.GetFileName(Location.FilePath)}({start.Line + 1},{start.Character + 1}): {Message}";
    }
}
