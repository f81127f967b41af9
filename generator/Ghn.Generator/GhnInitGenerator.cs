using Ghn.Generator.Model;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Ghn.Generator;

/// <summary>
/// Generates, for every <c>[GhnInit]</c> TorchSharp module, a static <c>GhnArchitecture</c> property holding the
/// architecture graph extracted from the model's source and an <c>ApplyGhnInit()</c> method that applies the
/// weights Ghn.Build predicted for it.
/// </summary>
/// <remarks>
/// The pipeline follows the System.Text.Json and Regex generators: the <see cref="Parse"/> stage turns each
/// attributed class into an equatable <see cref="ModelGenerationResult"/> (no symbols, syntax or compilation), so
/// an edit that leaves a model's graph unchanged stops there, and the <see cref="Emit"/> stage turns it into source.
/// Misuse of <c>[GhnInit]</c> is an error; a model the extractor cannot handle still gets its members (they throw
/// the extractor's explanation) and the extractor's errors are reported as warnings, so the build goes on, unless
/// the project sets <c>GhnTreatFailuresAsErrors</c>.
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed partial class GhnInitGenerator : IIncrementalGenerator
{
    internal const string GhnInitAttributeMetadataName = "Ghn.GhnInitAttribute";
    internal const string ArchitecturePropertyName = "GhnArchitecture";
    internal const string ApplyMethodName = "ApplyGhnInit";

    /// <summary>
    /// The MSBuild property <c>GhnTreatFailuresAsErrors</c> (made visible to the compiler with
    /// <c>CompilerVisibleProperty</c>). A model that cannot be extracted is skipped and the build goes on with a
    /// warning (its generated members throw the explanation) unless this is <c>true</c>.
    /// </summary>
    internal const string TreatFailuresAsErrorsOption = "build_property.GhnTreatFailuresAsErrors";

    /// <summary>The step names that tests observe with <c>trackIncrementalGeneratorSteps</c>.</summary>
    internal static class TrackingNames
    {
        /// <summary>Each attributed class parsed: its model and its diagnostics.</summary>
        public const string Parse = "GhnInitParse";

        /// <summary>The equatable models alone, which drive emission.</summary>
        public const string Models = "GhnInitModels";
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var results = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                GhnInitAttributeMetadataName,
                // Any type declaration, so that a [GhnInit] record gets "not a module" rather than silence.
                static (node, _) => node is TypeDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parse(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.Parse);

        // Source from the equatable model only: an edit that moves a diagnostic but leaves the graph stops here.
        var models = results
            .Select(static (result, _) => result.Model)
            .WithTrackingName(TrackingNames.Models);
        context.RegisterSourceOutput(models, static (productionContext, model) =>
        {
            if (model is not null)
            {
                productionContext.AddSource(HintName(model), Emit(model));
            }
        });

        var treatFailuresAsErrors = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            options.GlobalOptions.TryGetValue(TreatFailuresAsErrorsOption, out var value)
            && string.Equals(value, "true", StringComparison.OrdinalIgnoreCase));

        context.RegisterSourceOutput(results.Combine(treatFailuresAsErrors), static (productionContext, input) =>
        {
            var (result, failuresAreErrors) = input;
            foreach (var diagnostic in result.UsageDiagnostics)
            {
                productionContext.ReportDiagnostic(diagnostic);
            }

            foreach (var diagnostic in result.ExtractionDiagnostics)
            {
                productionContext.ReportDiagnostic(failuresAreErrors ? diagnostic : WithErrorsAsWarnings(diagnostic));
            }
        });
    }

    /// <summary>An extraction error reported as a warning, at the same source location (so a pragma still applies).</summary>
    private static Diagnostic WithErrorsAsWarnings(Diagnostic diagnostic) =>
        diagnostic.Severity != DiagnosticSeverity.Error
            ? diagnostic
            : Diagnostic.Create(
                diagnostic.Id,
                diagnostic.Descriptor.Category,
                diagnostic.GetMessage(CultureInfo.InvariantCulture),
                DiagnosticSeverity.Warning,
                diagnostic.DefaultSeverity,
                diagnostic.Descriptor.IsEnabledByDefault,
                warningLevel: 1,
                diagnostic.Descriptor.Title,
                diagnostic.Descriptor.Description,
                diagnostic.Descriptor.HelpLinkUri,
                diagnostic.Location,
                diagnostic.AdditionalLocations,
                diagnostic.Descriptor.CustomTags,
                diagnostic.Properties);
}
