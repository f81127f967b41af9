using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Modules;
using Ghn.Extraction.Values;
using Ghn.Graphs;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Forward;

/// <summary>
/// Calls of modules in forward: a layer becomes one op whose tensors are named by the layer's registered
/// path, a Sequential calls its children in order, and a user module runs its own forward from source.
/// </summary>
internal sealed class ModuleCalls(ExtractionContext context, ForwardTrace trace, Dictionary<ModuleInstance, string> paths)
{
    private readonly HashSet<ModuleInstance> _called = [];
    private readonly Dictionary<ModelTensor, int> _tensorNodes = [];
    private Dictionary<ParameterValue, string>? _tensorNames;

    /// <summary>Calls a module with its inputs: layers and Sequential take one tensor, a user module its forward's.</summary>
    public object? Call(ModuleInstance module, IReadOnlyList<object?> inputs, IOperation at)
    {
        if (UnknownValue.Any(null, inputs))
        {
            // Its input follows unsupported code: the module counts as used, and its result is unknown too.
            _called.Add(module);
            return UnknownValue.Instance;
        }

        if (module is LayerModule { Spec.Kind: OpKind.MultiheadAttention } attention)
        {
            return CallAttention(attention, inputs, at);
        }

        if (module is TransformerModule transformer)
        {
            var path = paths.TryGetValue(transformer, out var registered) ? registered : throw new ExtractionException(ExtractionDiagnostics.UnregisteredModule, at, transformer.Description);
            _called.Add(transformer);
            return new TransformerCalls(trace.Graph).Call(transformer, path, inputs, at);
        }

        if (module is LayerModule { Spec.Kind: OpKind.EmbeddingBag } bag && inputs.Count == 2)
        {
            return CallLayer(bag, [TensorOps.Tensor(inputs[0], at), TensorOps.Tensor(inputs[1], at)], at);
        }

        if (module is LayerModule { Spec.Kind: OpKind.Rnn } withState && inputs.Count == 2)
        {
            return CallRecurrent(withState, [TensorOps.Tensor(inputs[0], at), .. InitialState(inputs[1], at)], at);
        }

        if (module is not UserModule && inputs.Count != 1)
        {
            throw new ExtractionException(ExtractionDiagnostics.UnsupportedTorchApi, at, $"{module.Description} with {inputs.Count} inputs");
        }

        switch (module)
        {
            case LayerModule { Spec.Kind: OpKind.Rnn } recurrent:
                return CallRecurrent(recurrent, [TensorOps.Tensor(inputs[0], at)], at);
            case LayerModule layer:
                return CallLayer(layer, TensorOps.Tensor(inputs[0], at), at);
            case ContainerModule { Kind: ContainerKind.Sequential } sequential:
                var input = inputs[0];
                foreach (var child in sequential.Components)
                {
                    input = Call(child.Module, [input], at);
                }

                return input;
            case UserModule user:
                var forward = FindForward(user.Type, inputs.Count)
                    ?? throw new ExtractionException(ExtractionDiagnostics.NoForward, at, user.Type.Name);
                return context.Calls.InvokeUserMethod(forward, user, inputs, at);
            default:
                // ModuleList and ModuleDict have no forward, so C# cannot call them.
                throw new InvalidOperationException($"{module.Description} is not callable.");
        }
    }

    /// <summary>The forward method taking <paramref name="inputs"/> arguments of a user module type or its nearest user base type.</summary>
    public static IMethodSymbol? FindForward(INamedTypeSymbol type, int inputs = 1)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            var forward = current.GetMembers("forward").OfType<IMethodSymbol>()
                .FirstOrDefault(m => m.Parameters.Length == inputs && !m.IsAbstract && SourceCode.HasSource(m));
            if (forward is not null)
            {
                return forward;
            }
        }

        return null;
    }

    /// <summary>
    /// Names each outermost registered module whose layers with tensors forward never calls (an auxiliary head):
    /// its tensors are not in the graph and keep TorchSharp's initialisation; the rest of the model is predicted.
    /// </summary>
    public IEnumerable<Diagnostic> UnusedLayers()
    {
        bool OwnsTensors(ModuleInstance m) => m is LayerModule { Spec: var spec } && (spec.Parameters.Count > 0 || spec.Buffers.Count > 0);
        var unused = paths
            .Where(p => p.Value.Length > 0)
            .Where(p =>
            {
                var layers = ModuleTree.Descendants(p.Key).Select(d => d.Module).Append(p.Key).Where(OwnsTensors).ToList();
                return layers.Count > 0 && !layers.Any(_called.Contains);
            })
            .ToDictionary(p => p.Value, p => p.Key);
        return unused
            .Where(u => !unused.Keys.Any(other => u.Key.StartsWith(other + ".", StringComparison.Ordinal)))
            .OrderBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => Diagnostic.Create(ExtractionDiagnostics.UnusedModule, u.Value.Origin ?? Location.None, u.Key));
    }

    /// <summary>A registered parameter or buffer of <paramref name="module"/> read in forward: one <see cref="OpKind.Tensor"/> node, however often it is read.</summary>
    public SymbolicTensor ReadTensor(UserModule module, ModelTensor tensor, IOperation at)
    {
        if (_tensorNodes.TryGetValue(tensor, out var node))
        {
            return new SymbolicTensor(node);
        }

        var registered = module.Tensors.FirstOrDefault(t => ReferenceEquals(t.Tensor, tensor));
        if (registered.Tensor is null || !paths.TryGetValue(module, out var prefix))
        {
            throw new ExtractionException(ExtractionDiagnostics.UnregisteredModule, at, "tensor");
        }

        var spec = new[] { new TensorSpec(prefix.Length == 0 ? registered.Name : prefix + "." + registered.Name, tensor.Shape!) };
        node = tensor.IsParameter
            ? trace.Graph.Add(OpKind.Tensor, [], null, at, parameters: spec, module: prefix)
            : trace.Graph.Add(OpKind.Tensor, [], null, at, buffers: spec, module: prefix);
        _tensorNodes[tensor] = node;
        return new SymbolicTensor(node);
    }

    /// <summary>
    /// A layer's parameter or buffer read in forward (<c>F.linear(x, wte.weight)</c>, a check of <c>weight.Handle</c>): a
    /// <see cref="OpKind.Tensor"/> node of the same tensor the layer's own node holds.
    /// </summary>
    public SymbolicTensor ReadLayerTensor(LayerModule layer, string role, IOperation at)
    {
        if (!paths.ContainsKey(layer))
        {
            throw new ExtractionException(ExtractionDiagnostics.UnregisteredModule, at, layer.Description);
        }

        var isParameter = layer.Spec.Parameters.Any(p => p.Role == role);
        var spec = new[] { new TensorSpec(TensorName(layer, role), ModuleTree.Shape(layer.Tensor(role))) };
        var node = isParameter
            ? trace.Graph.Add(OpKind.Tensor, [], null, at, parameters: spec, module: paths[layer])
            : trace.Graph.Add(OpKind.Tensor, [], null, at, buffers: spec, module: paths[layer]);
        return new SymbolicTensor(node);
    }

    /// <summary>
    /// An LSTM's (output, h_n, c_n) or a GRU's and RNN's (output, h_n): the output node holds the weights, the state
    /// nodes read them. Their weights are not predicted, which GHN039 says.
    /// </summary>
    private TupleValue CallRecurrent(LayerModule layer, IReadOnlyList<SymbolicTensor> inputs, IOperation at)
    {
        var output = CallLayer(layer, inputs, at);
        var path = paths[layer];
        context.Warnings.Add(Diagnostic.Create(ExtractionDiagnostics.RecurrentNotPredicted, layer.Origin ?? at.Syntax.GetLocation(), layer.Description, path));
        var states = layer.Description == "LSTM" ? 2 : 1;
        var attributes = layer.Spec.Attributes.Where(a => a.Key != "result").ToList();
        var results = Enumerable.Range(1, states).Select(result =>
            (object?)new SymbolicTensor(trace.Graph.Add(OpKind.Rnn, [.. inputs.Select(i => i.Node)], [.. attributes, new("result", AttributeValue.Of(result))], at, module: path)));
        return new TupleValue([output, .. results]);
    }

    /// <summary>The initial state of a recurrent call: none (<c>null</c>), h₀ (GRU, RNN) or (h₀, c₀) (LSTM).</summary>
    private static IEnumerable<SymbolicTensor> InitialState(object? state, IOperation at) => state switch
    {
        null => [],
        TupleValue tuple => tuple.Items.Select(item => TensorOps.Tensor(item, at)),
        _ => [TensorOps.Tensor(state, at)],
    };

    /// <summary>
    /// <c>attention.call(query, key, value, key_padding_mask, need_weights, attn_mask)</c>: (output, weights); the
    /// output node holds the weights, the weights node (averaged over heads) reads them.
    /// </summary>
    private TupleValue CallAttention(LayerModule layer, IReadOnlyList<object?> inputs, IOperation at)
    {
        if (inputs.Count != 6)
        {
            throw new ExtractionException(ExtractionDiagnostics.UnsupportedTorchApi, at, $"MultiheadAttention with {inputs.Count} arguments");
        }

        var tensors = new List<int> { TensorOps.Tensor(inputs[0], at).Node, TensorOps.Tensor(inputs[1], at).Node, TensorOps.Tensor(inputs[2], at).Node };
        foreach (var mask in new[] { inputs[3], inputs[5] })
        {
            if (mask is not null)
            {
                tensors.Add(TensorOps.Tensor(mask, at).Node);
            }
        }

        if (!paths.TryGetValue(layer, out var path))
        {
            throw new ExtractionException(ExtractionDiagnostics.UnregisteredModule, at, layer.Description);
        }

        _called.Add(layer);
        KeyValuePair<string, AttributeValue>[] Attributes(int result) =>
            [.. layer.Spec.Attributes, new("key_padding_mask", AttributeValue.Of(inputs[3] is not null)), new("attn_mask", AttributeValue.Of(inputs[5] is not null)), new("result", AttributeValue.Of(result))];
        var output = trace.Graph.Add(OpKind.MultiheadAttention, tensors, Attributes(0), at, layer.Spec.Parameters.Select(p => new TensorSpec(TensorName(layer, p.Role), p.Shape)), module: path);
        var weights = trace.Graph.Add(OpKind.MultiheadAttention, tensors, Attributes(1), at, module: path);
        return new TupleValue([new SymbolicTensor(output), new SymbolicTensor(weights)]);
    }

    private SymbolicTensor CallLayer(LayerModule layer, SymbolicTensor input, IOperation at) => CallLayer(layer, [input], at);

    private SymbolicTensor CallLayer(LayerModule layer, IReadOnlyList<SymbolicTensor> inputs, IOperation at)
    {
        var input = inputs[0];
        var spec = layer.Spec;
        var ownsTensors = spec.Parameters.Count > 0 || spec.Buffers.Count > 0;
        string? path = paths.TryGetValue(layer, out var registered) ? registered : null;
        if (ownsTensors && path is null)
        {
            throw new ExtractionException(ExtractionDiagnostics.UnregisteredModule, at, layer.Description);
        }

        _called.Add(layer);
        var node = trace.Graph.Add(
            spec.Kind,
            [.. inputs.Select(i => i.Node)],
            spec.Attributes,
            at,
            spec.Parameters.Select(p => new TensorSpec(TensorName(layer, p.Role), p.Shape)),
            spec.Buffers.Select(b => new TensorSpec(TensorName(layer, b.Role), b.Shape)),
            path);
        return TensorOps.Result(input, node, spec.InPlace);
    }

    /// <summary>
    /// The name <c>named_parameters()</c> gives a layer's tensor: its path in registration order, where TorchSharp
    /// lists a tensor that several layers hold (tied weights) once, under the first.
    /// </summary>
    private string TensorName(LayerModule layer, string role)
    {
        if (_tensorNames is null)
        {
            _tensorNames = [];
            foreach (var registered in paths)
            {
                if (registered.Key is LayerModule layerWithPath)
                {
                    foreach (var tensor in layerWithPath.Spec.Parameters.Concat(layerWithPath.Spec.Buffers))
                    {
                        var identity = layerWithPath.Tensor(tensor.Role);
                        if (!_tensorNames.ContainsKey(identity))
                        {
                            _tensorNames[identity] = registered.Value + "." + tensor.Role;
                        }
                    }
                }
            }
        }

        return _tensorNames[layer.Tensor(role)];
    }
}
