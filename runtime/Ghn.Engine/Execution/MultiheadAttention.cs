using Ghn.Graphs;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Ghn;

/// <summary>
/// Runs an <see cref="OpKind.MultiheadAttention"/> node with tensor ops, as <c>nn.MultiheadAttention</c> computes
/// (sequence first): project query, key and value with <c>in_proj</c>, attend per head with scaled dot products
/// (an additive or boolean attention mask, a key padding mask), project the result with <c>out_proj</c>.
/// Written out rather than through a module so that gradients reach predicted weights.
/// </summary>
internal static class MultiheadAttention
{
    public static Kernel Kernel(OpNode node)
    {
        var heads = node.Attribute("num_heads").AsInt();
        var dropout = node.Attribute("dropout").AsDouble();
        var hasPaddingMask = node.Attribute("key_padding_mask").AsBool();
        var hasAttentionMask = node.Attribute("attn_mask").AsBool();
        var result = node.Attribute("result").AsInt();
        var prefix = string.IsNullOrEmpty(node.Module) ? "" : node.Module + ".";
        return (x, t, training) =>
        {
            var (query, key, value) = (x[0], x[1], x[2]);
            var paddingMask = hasPaddingMask ? x[3] : null;
            var attentionMask = hasAttentionMask ? x[hasPaddingMask ? 4 : 3] : null;
            var (length, batch, width) = (query.shape[0], query.shape[1], query.shape[2]);
            var sourceLength = key.shape[0];
            var headWidth = width / heads;

            var inWeight = t.Named(prefix + "in_proj_weight").chunk(3);
            var inBias = node.FindParameter("in_proj_bias") is not null ? t.Named(prefix + "in_proj_bias").chunk(3) : new Tensor?[3];
            Tensor Heads(Tensor input, int which, long steps) =>
                F.linear(input, inWeight[which], inBias[which]).reshape(steps, batch * heads, headWidth).transpose(0, 1);

            var q = Heads(query, 0, length) * (1.0 / Math.Sqrt(headWidth));
            var k = Heads(key, 1, sourceLength);
            var v = Heads(value, 2, sourceLength);
            var scores = q.matmul(k.transpose(1, 2));                                   // [N*H, L, S]
            if (attentionMask is not null)
            {
                scores = attentionMask.dtype == ScalarType.Bool
                    ? scores.masked_fill(attentionMask, double.NegativeInfinity)
                    : scores + attentionMask;
            }

            if (paddingMask is not null)
            {
                scores = scores.view(batch, heads, length, sourceLength)
                    .masked_fill(paddingMask.unsqueeze(1).unsqueeze(2), double.NegativeInfinity)
                    .view(batch * heads, length, sourceLength);
            }

            var weights = F.softmax(scores, -1);
            if (result == 1)
            {
                return weights.view(batch, heads, length, sourceLength).mean([1]);
            }

            var attended = F.dropout(weights, dropout, training).matmul(v).transpose(0, 1).reshape(length, batch, width);
            return F.linear(attended, t.Named(prefix + "out_proj.weight"), node.FindParameter("bias") is not null ? t.Named(prefix + "out_proj.bias") : null);
        };
    }
}
