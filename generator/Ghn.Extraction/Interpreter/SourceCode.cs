using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Ghn.Extraction.Interpreter;

/// <summary>
/// The operation trees of user code: method bodies, field and property initializers, fields in declaration
/// order. Everything is computed once per extraction and cached, so loops re-run bound trees.
/// </summary>
internal sealed class SourceCode(Compilation compilation)
{
    private readonly Dictionary<SyntaxTree, SemanticModel> _models = [];
    private readonly HashSet<SyntaxTree> _treesRead = [];
    private readonly Dictionary<IMethodSymbol, MethodBody?> _bodies = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<INamedTypeSymbol, TypeLayout> _layouts = new(SymbolEqualityComparer.Default);

    /// <summary>True when the method's source is in the compilation (user code).</summary>
    public static bool HasSource(IMethodSymbol method) =>
        !method.DeclaringSyntaxReferences.IsEmpty || method.PartialImplementationPart is not null;

    /// <summary>True for types declared in the compilation's source (cheaper than asking for their syntax).</summary>
    public static bool IsUserType([NotNullWhen(true)] ITypeSymbol? type) => type is not null && type.Locations.Length > 0 && type.Locations[0].IsInSource;

    /// <summary>The body of a method, accessor, local function or constructor; null when it has none in source.</summary>
    public MethodBody? Body(IMethodSymbol method)
    {
        method = method.PartialImplementationPart ?? method.OriginalDefinition;
        if (!_bodies.TryGetValue(method, out var body))
        {
            body = FindBody(method);
            _bodies[method] = body;
        }

        return body;
    }

    /// <summary>Fields and initializers of a type, in declaration order across its partial declarations.</summary>
    public TypeLayout Layout(INamedTypeSymbol type)
    {
        type = type.OriginalDefinition;
        if (!_layouts.TryGetValue(type, out var layout))
        {
            layout = BuildLayout(type);
            _layouts[type] = layout;
        }

        return layout;
    }

    public IOperation? Operation(SyntaxNode node) => Model(node.SyntaxTree).GetOperation(node);

    /// <summary>
    /// The paths of the source files the extraction depended on: those whose code it read, and those declaring the
    /// constants (and enum members) that code names, transitively, since the compiler folds them without our reading
    /// their files. An edit anywhere else cannot change the graph.
    /// </summary>
    public IReadOnlyList<string> FilesRead()
    {
        var files = new HashSet<SyntaxTree>(_treesRead);
        var pending = new Queue<SyntaxTree>(_treesRead);
        while (pending.Count > 0)
        {
            var tree = pending.Dequeue();
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (model.GetSymbolInfo(name).Symbol is IFieldSymbol { HasConstantValue: true } constant)
                {
                    foreach (var declaring in constant.Locations.Select(l => l.SourceTree).OfType<SyntaxTree>())
                    {
                        if (files.Add(declaring))
                        {
                            pending.Enqueue(declaring);
                        }
                    }
                }
            }
        }

        return files.Select(t => t.FilePath).Where(path => path.Length > 0).Distinct().OrderBy(path => path, StringComparer.Ordinal).ToList();
    }

    private SemanticModel Model(SyntaxTree tree)
    {
        if (!_models.TryGetValue(tree, out var model))
        {
            model = compilation.GetSemanticModel(tree);
            _models[tree] = model;
            _treesRead.Add(tree);
        }

        return model;
    }

    private MethodBody? FindBody(IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            _treesRead.Add(reference.SyntaxTree);
            var syntax = reference.GetSyntax();
            switch (syntax)
            {
                case TypeDeclarationSyntax type:
                    // A primary constructor: its only code is the base-type argument list.
                    var baseCall = type.BaseList?.Types.OfType<PrimaryConstructorBaseTypeSyntax>().FirstOrDefault();
                    return new MethodBody(null, baseCall is null ? null : Operation(baseCall) as IInvocationOperation, IsPrimaryConstructor: true);
                case LocalFunctionStatementSyntax:
                    var local = (ILocalFunctionOperation?)Operation(syntax);
                    return local?.Body is { } localBody ? new MethodBody(localBody, null) : null;
                case ArrowExpressionClauseSyntax arrow:
                    // An expression-bodied property getter.
                    return Operation(arrow) is IBlockOperation block ? new MethodBody(block, null) : null;
                default:
                    var operation = Operation(syntax);
                    switch (operation)
                    {
                        case IConstructorBodyOperation ctor:
                            return new MethodBody(ctor.BlockBody ?? ctor.ExpressionBody, ctor.Initializer is IExpressionStatementOperation { Operation: IInvocationOperation init } ? init : null);
                        case IMethodBodyOperation body when (body.BlockBody ?? body.ExpressionBody) is { } methodBlock:
                            return new MethodBody(methodBlock, null);
                        case null when syntax is AccessorDeclarationSyntax or MethodDeclarationSyntax or ConstructorDeclarationSyntax:
                            continue;
                        case IInvalidOperation:
                            throw new CompilationErrorException();
                    }

                    break;
            }
        }

        return null;
    }

    private TypeLayout BuildLayout(INamedTypeSymbol type)
    {
        var instanceFields = new List<IFieldSymbol>();
        var instanceInitializers = new List<(IFieldSymbol Field, IOperation Value)>();
        var staticInitializers = new List<(IFieldSymbol Field, IOperation Value)>();
        var backingFields = type.GetMembers().OfType<IFieldSymbol>()
            .Where(f => f.AssociatedSymbol is IPropertySymbol)
            .ToDictionary(f => f.AssociatedSymbol!, f => f, SymbolEqualityComparer.Default);

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            _treesRead.Add(reference.SyntaxTree);
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration)
            {
                continue;
            }

            foreach (var member in declaration.Members)
            {
                switch (member)
                {
                    case FieldDeclarationSyntax field:
                        foreach (var declarator in field.Declaration.Variables)
                        {
                            if (Model(declarator.SyntaxTree).GetDeclaredSymbol(declarator) is not IFieldSymbol symbol || symbol.IsConst)
                            {
                                continue;
                            }

                            if (!symbol.IsStatic)
                            {
                                instanceFields.Add(symbol);
                            }

                            if (declarator.Initializer is { } initializer && Operation(initializer) is IFieldInitializerOperation init)
                            {
                                (symbol.IsStatic ? staticInitializers : instanceInitializers).Add((symbol, init.Value));
                            }
                        }

                        break;
                    case PropertyDeclarationSyntax property:
                        if (Model(property.SyntaxTree).GetDeclaredSymbol(property) is not { } propertySymbol
                            || !backingFields.TryGetValue(propertySymbol, out var backing))
                        {
                            continue;
                        }

                        if (!backing.IsStatic)
                        {
                            instanceFields.Add(backing);
                        }

                        if (property.Initializer is { } propertyInitializer && Operation(propertyInitializer) is IPropertyInitializerOperation pinit)
                        {
                            (backing.IsStatic ? staticInitializers : instanceInitializers).Add((backing, pinit.Value));
                        }

                        break;
                }
            }
        }

        return new TypeLayout(instanceFields, instanceInitializers, staticInitializers, backingFields);
    }
}

/// <summary>The code of a method: its body and, for constructors, the this(...)/base(...) call.</summary>
internal sealed record MethodBody(IOperation? Block, IInvocationOperation? ConstructorInitializer, bool IsPrimaryConstructor = false);

/// <summary>The fields of a type in declaration order (auto-properties as their backing fields) and its initializers.</summary>
internal sealed record TypeLayout(
    IReadOnlyList<IFieldSymbol> InstanceFields,
    IReadOnlyList<(IFieldSymbol Field, IOperation Value)> InstanceInitializers,
    IReadOnlyList<(IFieldSymbol Field, IOperation Value)> StaticInitializers,
    IReadOnlyDictionary<ISymbol, IFieldSymbol> BackingFields);
