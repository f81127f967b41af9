using Ghn.Extraction.Modules;
using Ghn.Extraction.Values;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Ghn.Extraction.Interpreter;

/// <summary>
/// TorchSharp calls outside tensor math: module factories of <c>torch.nn</c>, registration, containers, and
/// dispose scopes. Tensor operations go to the forward trace's <see cref="Forward.TensorOps"/>.
/// </summary>
internal sealed class TorchCalls(ExtractionContext context)
{
    public bool IsTorchSharp(ISymbol symbol) => context.Torch.IsTorchSharp(symbol);

    public object? Invoke(Arguments a, object? receiver)
    {
        var method = a.Method;
        if (receiver is null && IsTrainingMachinery(method.ReturnType, method.ContainingType))
        {
            return new TrainingObject(method.ReturnType.Name);
        }

        if (SymbolEqualityComparer.Default.Equals(method.ContainingType, context.Torch.Nn) && context.Torch.IsModule(method.ReturnType))
        {
            var module = ModuleCatalog.Create(context, a) ?? throw UnsupportedApi(a);
            module.Origin = a.Call.Syntax.GetLocation();
            module.RuntimeType = method.ReturnType;
            return module;
        }

        switch (method.Name, receiver)
        {
            case ("RegisterComponents", UserModule module):
                Registration.RegisterComponents(context, module, a.Call);
                return null;
            case ("register_buffer" or "register_parameter", UserModule module) when a[0] is string tensorName && a[1] is ModelTensor tensor:
                // A non-persistent buffer is not in TorchSharp's named_buffers(): it is the model's own business.
                if (!(a.Has("persistent") && a.Value("persistent") is false))
                {
                    Registration.AddTensor(module, tensorName, method.Name == "register_parameter" ? new ModelTensor(tensor.Shape, isParameter: true) : tensor, a.Call);
                }

                return null;
            case ("get_buffer" or "get_parameter", UserModule module) when a[0] is string tensorName && context.Forward is { } reading:
                var registered = module.Tensors.FirstOrDefault(t => t.Name == tensorName).Tensor
                    ?? throw new ExtractionException(ExtractionDiagnostics.MissingKey, a.Call, tensorName);
                return reading.Modules.ReadTensor(module, registered, a.Call);
            case ("register_module", UserModule module) when a[0] is string name && a[1] is ModuleInstance child:
                ContainerItems.Add(context, module, name, child, a.Call);
                return null;
            case ("Add" or "append" or "extend", ContainerModule container) when a.Count == 1:
                // ModuleList.append(params T[]) and extend(IEnumerable<T>) add several modules at once.
                foreach (var item in a[0] is ListValue items ? items.Items : [a[0]])
                {
                    ContainerItems.Add(context, container, item, a.Call);
                }

                return null;
            case ("Add" or "append", ContainerModule container) when a.Count == 2 && a[0] is string key && a[1] is ModuleInstance child:
                ContainerItems.Add(context, container, key, child, a.Call);
                return null;
            case ("keys", ContainerModule { Kind: ContainerKind.ModuleDict } dict):
                return new ListValue(dict.Components.Select(c => (object?)c.Name));
            case ("values", ContainerModule { Kind: ContainerKind.ModuleDict } dict):
                return new ListValue(dict.Components.Select(c => (object?)c.Module));
            case ("named_children", ModuleInstance module):
                return new ListValue(ModuleTree.Children(module).Select(c => (object?)new TupleValue([c.Name, c.Module])));
            case ("children", ModuleInstance module):
                return new ListValue(ModuleTree.Children(module).Select(c => (object?)c.Module));
            case ("named_modules", ModuleInstance module):
                return new ListValue(ModuleTree.Descendants(module).Select(d => (object?)new TupleValue([d.Name, d.Module])));
            case ("modules", ModuleInstance module):
                return new ListValue(ModuleTree.Descendants(module).Select(d => (object?)d.Module));
            case ("named_parameters", ModuleInstance module) when context.Forward is null:
                return new ListValue(ModuleTree.Parameters(module).Select(p => (object?)new TupleValue([p.Name, p.Parameter])));
            case ("parameters", ModuleInstance module) when context.Forward is null:
                return new ListValue(ModuleTree.Parameters(module).Select(p => (object?)p.Parameter));
            case ("apply", ModuleInstance module) when a[0] is Closure initialise:
                foreach (var each in ModuleTree.PostOrder(module).ToList())
                {
                    context.Calls.InvokeClosure(initialise, [each], a.Call);
                }

                return module;
            case (_, ParameterValue) when method.Name.EndsWith("_", StringComparison.Ordinal):
                // An in-place change of a parameter's values (normal_, fill_, zero_, copy_): the graph stays as it is.
                return receiver;
            case ("Single", null) when context.Torch.IsTensorIndex(method.ContainingType) && Numeric.IsInteger(a[0]):
                return IndexValue.Single(Numeric.ToInt64(a[0]!));
            case ("Slice", null) when context.Torch.IsTensorIndex(method.ContainingType) && a.Count == 3:
                long? Bound(object? value) => value is null ? null : Numeric.ToInt64(value);
                return new IndexValue(IndexKind.Slice, Bound(a[0]), Bound(a[1]), Bound(a[2]));
            case ("Slice", null) when context.Torch.IsTensorIndex(method.ContainingType) && a[0] is IndexValue range:
                return range;
            case ("to" or "cuda" or "cpu", ModuleInstance module):
                return module;
            case ("to" or "cuda" or "cpu", null) when a.Count > 0 && a[0] is ModuleInstance module:
                // ModuleExtensionMethods.to(module, device): where a module lives is not its architecture.
                return module;
            case (_, _) when method.ReturnType.Name == "Device":
                return PlacementValue.Instance;
            case (_, null) when IsInit(method):
                return WeightInit.Call(a);
            case ("NewDisposeScope" or "no_grad" or "enable_grad" or "inference_mode", null):
                return NoEffectScope.Instance;
            case ("Dispose", NoEffectScope):
                return null;
            case ("MoveToOuter" or "Include" or "Detach", NoEffectScope or null) when a.Count == 1 && IsDisposeScope(method.ContainingType):
                // Dispose scopes decide when tensors are freed, not what is computed.
                return a[0];
        }

        if (context.Torch.IsTensor(receiver is null ? FirstParameterType(method) : method.ContainingType)
            || SymbolEqualityComparer.Default.Equals(method.ContainingType, context.Torch.Torch)
            || SymbolEqualityComparer.Default.Equals(method.ContainingType, context.Torch.Functional))
        {
            return context.Forward is { } trace ? trace.Tensors.Invoke(a, receiver) : ConstructorTensors.Invoke(a, receiver);
        }

        throw UnsupportedApi(a);
    }

    /// <summary><c>new ModuleList&lt;T&gt;(...)</c>, <c>new Sequential(...)</c>, <c>new ModuleDict&lt;T&gt;()</c>, <c>new Parameter(tensor)</c>.</summary>
    public object Create(Arguments a, INamedTypeSymbol type)
    {
        if (IsTrainingMachinery(type, type))
        {
            return new TrainingObject(type.Name);
        }

        if (type.Name == "Device")
        {
            return PlacementValue.Instance;
        }

        if (type.Name == "Parameter")
        {
            return new ModelTensor((a.Count > 0 ? a[0] as ModelTensor : null)?.Shape, isParameter: true);
        }

        var kind = type.MetadataName switch
        {
            "Sequential" => ContainerKind.Sequential,
            "ModuleList`1" => ContainerKind.ModuleList,
            "ModuleDict`1" => ContainerKind.ModuleDict,
            _ => throw new ExtractionException(ExtractionDiagnostics.UnsupportedTorchApi, a.Call, $"new {type.Name}(...)"),
        };
        var container = new ContainerModule(kind) { Origin = a.Call.Syntax.GetLocation(), RuntimeType = type };
        foreach (var value in a.Values)
        {
            foreach (var item in value is ListValue list ? list.Items : [value])
            {
                ContainerItems.Add(context, container, item, a.Call);
            }
        }

        return container;
    }

    /// <summary>A TorchSharp operator (<c>+</c>, <c>*</c> on tensors).</summary>
    public object? Operator(IOperation operation, BinaryOperatorKind kind, object? left, object? right) =>
        context.Forward is { } trace ? trace.Tensors.Operator(operation, kind, left, right) : ConstructorTensors.Operator(left, right);

    /// <summary>A static field of TorchSharp (dtypes, devices): not part of the architecture.</summary>
    public object? StaticField(IFieldReferenceOperation operation) => operation.Field.Name switch
    {
        _ when operation.Field.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum, Name: "ScalarType" } scalarType => ScalarType(scalarType, operation),
        _ when operation.Field.Type.Name is "Device" => PlacementValue.Instance,
        "Colon" when context.Torch.IsTensorIndex(operation.Field.ContainingType) => IndexValue.Colon,
        "Ellipsis" when context.Torch.IsTensorIndex(operation.Field.ContainingType) => new IndexValue(IndexKind.Ellipsis),
        "None" or "Null" when context.Torch.IsTensorIndex(operation.Field.ContainingType) => new IndexValue(IndexKind.NewAxis),
        _ => throw new ExtractionException(ExtractionDiagnostics.UnsupportedTorchApi, operation, operation.Field.ToDisplayString()),
    };

    /// <summary><c>torch.float32</c>, <c>torch.@long</c>, ...: the ScalarType member of that name or alias.</summary>
    private static EnumValue ScalarType(INamedTypeSymbol type, IFieldReferenceOperation operation)
    {
        var member = operation.Field.Name switch
        {
            "float32" or "float" => "Float32",
            "float64" or "double" => "Float64",
            "float16" or "half" => "Float16",
            "bfloat16" => "BFloat16",
            "int64" or "long" => "Int64",
            "int32" or "int" => "Int32",
            "int16" or "short" => "Int16",
            "int8" => "Int8",
            "uint8" => "Byte",
            "bool" => "Bool",
            var other => other,
        };
        return type.GetMembers(member).OfType<IFieldSymbol>().FirstOrDefault() is { HasConstantValue: true } field
            ? new EnumValue(type, Numeric.ToInt64(field.ConstantValue!))
            : throw new ExtractionException(ExtractionDiagnostics.UnsupportedTorchApi, operation, operation.Field.ToDisplayString());
    }

    private static bool IsDisposeScope(INamedTypeSymbol type) => type.Name is "DisposeScope" or "DisposeScopeManager";

    /// <summary>A function of <c>torch.nn.init</c>.</summary>
    private bool IsInit(IMethodSymbol method) =>
        method.ContainingType is { Name: "init" } type && SymbolEqualityComparer.Default.Equals(type.ContainingType, context.Torch.Nn);

    private static ITypeSymbol? FirstParameterType(IMethodSymbol method) => method.Parameters.FirstOrDefault()?.Type;

    private static ExtractionException UnsupportedApi(Arguments a) =>
        new(ExtractionDiagnostics.UnsupportedTorchApi, a.Call, a.Method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat));

    /// <summary>
    /// What <c>torch.optim</c> (optimizers, <c>lr_scheduler</c>) makes, and losses (<c>nn.BCELoss</c>, <c>new CrossEntropyLoss()</c>):
    /// a constructor creating them for its training loop builds no architecture.
    /// </summary>
    private static bool IsTrainingMachinery(ITypeSymbol result, INamedTypeSymbol declaring)
    {
        for (var type = declaring; type is not null; type = type.ContainingType)
        {
            if (type.Name == "optim")
            {
                return true;
            }
        }

        return result.Name.EndsWith("Loss", StringComparison.Ordinal) && result.ContainingNamespace?.ToDisplayString() == "TorchSharp.Modules";
    }
}
