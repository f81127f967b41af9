using Ghn.Generator.Model;
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
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed partial class GhnInitGenerator : IIncrementalGenerator
{
    internal const string GhnInitAttributeMetadataName = "Ghn.GhnInitAttribute";
    internal const string ArchitecturePropertyName = "GhnArchitecture";
    internal const string ApplyMethodName = "ApplyGhnInit";

    /// <summary>The step names that tests observe with <c>trackIncrementalGeneratorSteps</c>.</summary>
    internal static class TrackingNames
    {
        public const string Models = "GhnInitModels";
    }

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var models = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                GhnInitAttributeMetadataName,
                // Any type declaration, so that a [GhnInit] record gets "not a module" rather than silence.
                static (node, _) => node is TypeDeclarationSyntax,
                static (attributeContext, cancellationToken) => Parse(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.Models);

        context.RegisterSourceOutput(models, static (productionContext, result) =>
        {
            foreach (var diagnostic in result.Diagnostics)
            {
                productionContext.ReportDiagnostic(diagnostic.ToDiagnostic());
            }

            if (result.Model is { } model)
            {
                productionContext.AddSource(HintName(model), Emit(model));
            }
        });
    }
}
