using Ghn.Extraction.Interpreter;
using Ghn.Extraction.Values;
using Ghn.Graphs;
using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Forward;

/// <summary>
/// A call of TorchSharp's native <c>TransformerEncoderLayer</c> or <c>TransformerEncoder</c>, traced as the ops LibTorch
/// runs (post-norm): <c>norm1(x + dropout1(self_attn(x, x, x, mask)))</c>, then
/// <c>norm2(x + dropout2(linear2(dropout(activation(linear1(x))))))</c>, per layer.
/// </summary>
internal sealed class TransformerCalls(GraphBuilder graph)
{
    public SymbolicTensor Call(TransformerModule module, string path, IReadOnlyList<object?> inputs, IOperation at)
    {
        var x = TensorOps.Tensor(inputs[0], at);
        var mask = inputs.Count > 1 && inputs[1] is not null ? TensorOps.Tensor(inputs[1], at) : null;
        var padding = inputs.Count > 2 && inputs[2] is not null ? TensorOps.Tensor(inputs[2], at) : null;
        if (module.Layers == 0)
        {
            return Layer(module, path, x, mask, padding, at);
        }

        for (var i = 0; i < module.Layers; i++)
        {
            x = Layer(module, $"{path}.layers.{i}", x, mask, padding, at);
        }

        return x;
    }

    private SymbolicTensor Layer(TransformerModule m, string path, SymbolicTensor x, SymbolicTensor? mask, SymbolicTensor? padding, IOperation at)
    {
        static KeyValuePair<string, AttributeValue> A(string name, AttributeValue value) => new(name, value);
        TensorSpec P(string name, params int[] shape) => new($"{path}.{name}", shape);
        int Add(OpKind kind, IEnumerable<int> inputs, IEnumerable<KeyValuePair<string, AttributeValue>>? attributes = null, TensorSpec[]? parameters = null, string? module = null) =>
            graph.Add(kind, inputs, attributes, at, parameters, module: module is null ? path : $"{path}.{module}");

        var attentionInputs = new List<int> { x.Node, x.Node, x.Node };
        attentionInputs.AddRange(new[] { padding, mask }.Where(t => t is not null).Select(t => t!.Node));
        var attention = Add(
            OpKind.MultiheadAttention,
            attentionInputs,
            [A("num_heads", AttributeValue.Of(m.Heads)), A("dropout", AttributeValue.Of(m.Dropout)), A("key_padding_mask", AttributeValue.Of(padding is not null)), A("attn_mask", AttributeValue.Of(mask is not null)), A("result", AttributeValue.Of(0))],
            [P("self_attn.in_proj_weight", 3 * m.Width, m.Width), P("self_attn.in_proj_bias", 3 * m.Width), P("self_attn.out_proj.weight", m.Width, m.Width), P("self_attn.out_proj.bias", m.Width)],
            "self_attn");
        var norm1 = Norm(Add(OpKind.Add, [x.Node, Dropout(attention)]), "norm1");
        var hidden = Add(OpKind.Linear, [norm1], null, [P("linear1.weight", m.FeedForward, m.Width), P("linear1.bias", m.FeedForward)], "linear1");
        var activated = m.Activation == "gelu" ? Add(OpKind.Gelu, [hidden], [A("approximate", AttributeValue.Of("none"))]) : Add(OpKind.Relu, [hidden]);
        var projected = Add(OpKind.Linear, [Dropout(activated)], null, [P("linear2.weight", m.Width, m.FeedForward), P("linear2.bias", m.Width)], "linear2");
        return new SymbolicTensor(Norm(Add(OpKind.Add, [norm1, Dropout(projected)]), "norm2"));

        int Dropout(int input) => Add(OpKind.Dropout, [input], [A("p", AttributeValue.Of(m.Dropout))]);

        int Norm(int input, string name) => Add(
            OpKind.LayerNorm, [input], [A("normalized_shape", AttributeValue.Of([m.Width])), A("eps", AttributeValue.Of(1e-5))], [P($"{name}.weight", m.Width), P($"{name}.bias", m.Width)], name);
    }
}
