using Microsoft.CodeAnalysis;

namespace Ghn.Extraction;

/// <summary>
/// The TorchSharp types of the user's compilation. TorchSharp APIs are recognised by these symbols, never by
/// loading TorchSharp.
/// </summary>
internal sealed class TorchSharpSymbols
{
    private TorchSharpSymbols(
        INamedTypeSymbol torch,
        INamedTypeSymbol nn,
        INamedTypeSymbol functional,
        INamedTypeSymbol tensor,
        INamedTypeSymbol module,
        INamedTypeSymbol? componentName)
    {
        Torch = torch;
        Nn = nn;
        Functional = functional;
        Tensor = tensor;
        Module = module;
        ComponentName = componentName;
        Assembly = torch.ContainingAssembly;
    }

    /// <summary>The TorchSharp assembly.</summary>
    public IAssemblySymbol Assembly { get; }

    /// <summary><c>TorchSharp.torch</c>.</summary>
    public INamedTypeSymbol Torch { get; }

    /// <summary><c>TorchSharp.torch.nn</c>: the module factories.</summary>
    public INamedTypeSymbol Nn { get; }

    /// <summary><c>TorchSharp.torch.nn.functional</c>.</summary>
    public INamedTypeSymbol Functional { get; }

    /// <summary><c>TorchSharp.torch.Tensor</c>.</summary>
    public INamedTypeSymbol Tensor { get; }

    /// <summary><c>TorchSharp.torch.nn.Module</c>, the non-generic base of every module.</summary>
    public INamedTypeSymbol Module { get; }

    /// <summary><c>TorchSharp.Utils.ComponentNameAttribute</c>, when present.</summary>
    public INamedTypeSymbol? ComponentName { get; }

    /// <summary>Finds the symbols, or returns null when the compilation does not reference TorchSharp.</summary>
    public static TorchSharpSymbols? Find(Compilation compilation)
    {
        // Looking in the TorchSharp assembly only is much cheaper than searching every reference by name.
        var assembly = compilation.SourceModule.ReferencedAssemblySymbols.FirstOrDefault(a => a.Name == "TorchSharp");
        var torch = assembly?.GetTypeByMetadataName("TorchSharp.torch");
        var nn = assembly?.GetTypeByMetadataName("TorchSharp.torch+nn");
        var functional = assembly?.GetTypeByMetadataName("TorchSharp.torch+nn+functional");
        var tensor = assembly?.GetTypeByMetadataName("TorchSharp.torch+Tensor");
        var module = assembly?.GetTypeByMetadataName("TorchSharp.torch+nn+Module");
        return torch is null || nn is null || functional is null || tensor is null || module is null
            ? null
            : new TorchSharpSymbols(torch, nn, functional, tensor, module, assembly!.GetTypeByMetadataName("TorchSharp.Utils.ComponentNameAttribute"));
    }

    /// <summary>True when <paramref name="symbol"/> is declared by TorchSharp.</summary>
    public bool IsTorchSharp(ISymbol symbol) => SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, Assembly);

    /// <summary>True for <c>torch.nn.Module</c> and every type derived from it.</summary>
    public bool IsModule(ITypeSymbol? type) => DerivesFrom(type, Module);

    /// <summary>True for <c>torch.TensorIndex</c>, the positions of a tensor index.</summary>
    public bool IsTensorIndex(ITypeSymbol? type) => type is { Name: "TensorIndex" } && SymbolEqualityComparer.Default.Equals(type.ContainingType, Torch);

    /// <summary>True for <c>torch.Tensor</c> and derived types (<c>Parameter</c>).</summary>
    public bool IsTensor(ITypeSymbol? type) => DerivesFrom(type, Tensor);

    private static bool DerivesFrom(ITypeSymbol? type, INamedTypeSymbol baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
