using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Values;
using Ghn.Graphs;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Forward;

/// <summary>
/// A call of one of TorchSharp's native transformer modules, traced as the ops LibTorch runs (post-norm). An encoder
/// layer: <c>x = norm1(x + dropout1(self_attn(x, x, x)))</c>, then <c>norm2(x + dropout2(feed_forward(x)))</c>; a
/// decoder layer puts <c>x = norm2(x + dropout2(multihead_attn(x, memory, memory)))</c> between them and ends with
/// <c>norm3</c>. Stacks run their layers in order; a <c>Transformer</c> ends its encoder and its decoder with a LayerNorm.
/// </summary>
internal sealed class TransformerCalls(GraphBuilder graph)
{
    public SymbolicTensor Call(TransformerModule module, string path, IReadOnlyList<object?> inputs, IOperation at)
    {
        SymbolicTensor? Optional(int index) => index < inputs.Count && inputs[index] is not null ? TensorOps.Tensor(inputs[index], at) : null;
        var x = TensorOps.Tensor(inputs[0], at);
        var layer = new Layer(graph, module, at);
        switch (module.Part)
        {
            case TransformerPart.EncoderLayer:
                return layer.Encode(path, x, Optional(1), Optional(2));
            case TransformerPart.Encoder:
                return Encode(layer, path, module.EncoderLayers, x, Optional(1), Optional(2));
            case TransformerPart.DecoderLayer:
                return layer.Decode(path, x, TensorOps.Tensor(inputs[1], at), Optional(2), Optional(3), Optional(4), Optional(5));
            case TransformerPart.Decoder:
                return Decode(layer, path, module.DecoderLayers, x, TensorOps.Tensor(inputs[1], at), Optional(2), Optional(3), Optional(4), Optional(5));
            default:
                // call(src, tgt, src_mask, tgt_mask, memory_mask, src_key_padding_mask, tgt_key_padding_mask, memory_key_padding_mask)
                var memory = layer.Norm($"{path}.encoder.norm", Encode(layer, $"{path}.encoder", module.EncoderLayers, x, Optional(2), Optional(5)));
                var decoded = Decode(layer, $"{path}.decoder", module.DecoderLayers, TensorOps.Tensor(inputs[1], at), memory, Optional(3), Optional(4), Optional(6), Optional(7));
                return layer.Norm($"{path}.decoder.norm", decoded);
        }
    }

    private static SymbolicTensor Encode(Layer layer, string path, int layers, SymbolicTensor x, SymbolicTensor? mask, SymbolicTensor? padding)
    {
        for (var i = 0; i < layers; i++)
        {
            x = layer.Encode($"{path}.layers.{i}", x, mask, padding);
        }

        return x;
    }

    private static SymbolicTensor Decode(Layer layer, string path, int layers, SymbolicTensor x, SymbolicTensor memory, SymbolicTensor? mask, SymbolicTensor? memoryMask, SymbolicTensor? padding, SymbolicTensor? memoryPadding)
    {
        for (var i = 0; i < layers; i++)
        {
            x = layer.Decode($"{path}.layers.{i}", x, memory, mask, memoryMask, padding, memoryPadding);
        }

        return x;
    }

    /// <summary>The ops of one layer, named under its path.</summary>
    private sealed class Layer(GraphBuilder graph, TransformerModule m, IOperation at)
    {
        public SymbolicTensor Encode(string path, SymbolicTensor x, SymbolicTensor? mask, SymbolicTensor? padding)
        {
            var attended = Residual(path, "norm1", x.Node, Attention(path, "self_attn", x.Node, x.Node, mask, padding));
            return new SymbolicTensor(Residual(path, "norm2", attended, FeedForward(path, attended)));
        }

        public SymbolicTensor Decode(string path, SymbolicTensor x, SymbolicTensor memory, SymbolicTensor? mask, SymbolicTensor? memoryMask, SymbolicTensor? padding, SymbolicTensor? memoryPadding)
        {
            var attended = Residual(path, "norm1", x.Node, Attention(path, "self_attn", x.Node, x.Node, mask, padding));
            var crossed = Residual(path, "norm2", attended, Attention(path, "multihead_attn", attended, memory.Node, memoryMask, memoryPadding));
            return new SymbolicTensor(Residual(path, "norm3", crossed, FeedForward(path, crossed)));
        }

        public SymbolicTensor Norm(string path, SymbolicTensor x) => new(Norm(path, x.Node));

        private int Attention(string path, string name, int query, int keyValue, SymbolicTensor? mask, SymbolicTensor? padding)
        {
            var inputs = new List<int> { query, keyValue, keyValue };
            inputs.AddRange(new[] { padding, mask }.Where(t => t is not null).Select(t => t!.Node));
            var p = $"{path}.{name}";
            return Add(
                OpKind.MultiheadAttention,
                inputs,
                [A("num_heads", m.Heads), A("dropout", m.Dropout), A("key_padding_mask", padding is not null), A("attn_mask", mask is not null), A("result", 0)],
                [new($"{p}.in_proj_weight", [3 * m.Width, m.Width]), new($"{p}.in_proj_bias", [3 * m.Width]), new($"{p}.out_proj.weight", [m.Width, m.Width]), new($"{p}.out_proj.bias", [m.Width])],
                p);
        }

        /// <summary><c>linear2(dropout(activation(linear1(x))))</c>.</summary>
        private int FeedForward(string path, int x)
        {
            var hidden = Add(OpKind.Linear, [x], null, [new($"{path}.linear1.weight", [m.FeedForward, m.Width]), new($"{path}.linear1.bias", [m.FeedForward])], $"{path}.linear1");
            var activated = m.Activation == "gelu" ? Add(OpKind.Gelu, [hidden], [A("approximate", "none")], null, path) : Add(OpKind.Relu, [hidden], null, null, path);
            return Add(OpKind.Linear, [Dropout(path, activated)], null, [new($"{path}.linear2.weight", [m.Width, m.FeedForward]), new($"{path}.linear2.bias", [m.Width])], $"{path}.linear2");
        }

        /// <summary><c>norm(x + dropout(sublayer))</c>.</summary>
        private int Residual(string path, string norm, int x, int sublayer) => Norm($"{path}.{norm}", Add(OpKind.Add, [x, Dropout(path, sublayer)], null, null, path));

        private int Dropout(string path, int x) => Add(OpKind.Dropout, [x], [A("p", m.Dropout)], null, path);

        private int Norm(string path, int x) => Add(
            OpKind.LayerNorm, [x], [A("normalized_shape", AttributeValue.Of([m.Width])), A("eps", 1e-5)], [new($"{path}.weight", [m.Width]), new($"{path}.bias", [m.Width])], path);

        private int Add(OpKind kind, IEnumerable<int> inputs, IEnumerable<KeyValuePair<string, AttributeValue>>? attributes, TensorSpec[]? parameters, string module) =>
            graph.Add(kind, inputs, attributes, at, parameters, module: module);

        private static KeyValuePair<string, AttributeValue> A(string name, AttributeValue value) => new(name, value);

        private static KeyValuePair<string, AttributeValue> A(string name, int value) => A(name, AttributeValue.Of(value));

        private static KeyValuePair<string, AttributeValue> A(string name, double value) => A(name, AttributeValue.Of(value));

        private static KeyValuePair<string, AttributeValue> A(string name, bool value) => A(name, AttributeValue.Of(value));

        private static KeyValuePair<string, AttributeValue> A(string name, string value) => A(name, AttributeValue.Of(value));
    }
}
