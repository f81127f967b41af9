using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>
/// Transformers over image tokens: a ViT (patch-embedding convolution, optional class token and learned position
/// embedding) or a hybrid whose tokens are the positions of a convolutional stem's map (self-attention over spatial
/// positions). Blocks are pre- or post-norm, with <c>nn.MultiheadAttention</c> or single-head attention written as
/// tensor ops (query/key/value linears, <c>matmul</c>, scaled <c>softmax</c>), and an MLP; the head reads the class
/// token or the mean token.
/// </summary>
internal sealed class TransformerGenerator : IArchitectureGenerator
{
    public string Name => "transformer";

    public Feature Build(SamplingContext c)
    {
        var b = c.Builder;
        var width = c.Choose(16, 24, 32, 48, 64);
        var tokens = Tokenize(c, width);
        var classToken = c.Chance(0.5);
        if (classToken)
        {
            var token = b.Tensor("class_token", 1, 1, width);
            tokens = b.Concat([b.ExpandOverBatch(token, tokens), tokens], dim: 1);
        }

        if (c.Chance(0.7))
        {
            tokens = b.Sum([tokens, b.Tensor("encoder.pos_embedding", 1, tokens.Shape[1], width)]);
        }

        var blocks = Math.Min(c.Units(), 4);
        var heads = c.Choose(1, 2, 4);
        var projectedAttention = c.Chance(0.5);
        var preNorm = c.Chance(0.75);
        var mlpWidth = width * c.Choose(1, 2, 4);
        var mlpActivation = c.Chance(0.6) ? Activation.Gelu : c.Activation;
        for (var i = 0; i < blocks; i++)
        {
            var module = $"encoder.layers.{i}";
            var attended = Attend(c, preNorm ? b.LayerNorm(tokens, $"{module}.ln_1") : tokens, $"{module}.self_attention", heads, projectedAttention);
            tokens = b.Sum([tokens, attended]);
            if (!preNorm)
            {
                tokens = b.LayerNorm(tokens, $"{module}.ln_1");
            }

            var hidden = b.Linear(preNorm ? b.LayerNorm(tokens, $"{module}.ln_2") : tokens, $"{module}.mlp.0", mlpWidth);
            hidden = b.Linear(b.Activate(hidden, mlpActivation, $"{module}.mlp.1"), $"{module}.mlp.2", width);
            tokens = b.Sum([tokens, hidden]);
            if (!preNorm)
            {
                tokens = b.LayerNorm(tokens, $"{module}.ln_2");
            }
        }

        if (preNorm)
        {
            tokens = b.LayerNorm(tokens, "encoder.ln");
        }

        var pooled = classToken ? b.Select(tokens, dim: 1, index: 0) : b.Mean(tokens, false, 1);
        return b.Linear(pooled, "head", c.Task.ClassCount);
    }

    /// <summary>
    /// <c>[N, T, width]</c> tokens: non-overlapping patches embedded by one convolution (ViT), or the positions of a
    /// one- or two-stage strided convolutional stem (hybrid); the map's positions become the sequence.
    /// </summary>
    private static Feature Tokenize(SamplingContext c, int width)
    {
        var b = c.Builder;
        Feature map;
        if (c.Chance(0.5))
        {
            var patch = c.Choose(4, 7);
            map = b.Conv(b.Input, "conv_proj", width, patch, stride: patch, padding: 0, bias: true);
        }
        else
        {
            var names = new SequentialNames("stem");
            map = c.ConvNormAct(b.Input, names, width, 3, stride: 2);
            if (c.Chance(0.5))
            {
                map = c.ConvNormAct(map, names, width, 3, stride: 2);
            }
        }

        return b.Permute(b.Flatten(map, startDim: 2), 0, 2, 1);
    }

    private static Feature Attend(SamplingContext c, Feature x, string module, int heads, bool projected)
    {
        var b = c.Builder;
        if (projected)
        {
            // TorchSharp's MultiheadAttention takes the sequence first.
            return b.Transpose(b.SelfAttention(b.Transpose(x, 0, 1), module, heads), 0, 1);
        }

        var width = x.Shape[^1];
        var query = b.Linear(x, $"{module}.query", width);
        var key = b.Linear(x, $"{module}.key", width);
        var value = b.Linear(x, $"{module}.value", width);
        var weights = b.Softmax(b.Divide(b.Matmul(query, b.Transpose(key, 1, 2)), Math.Sqrt(width)), dim: -1);
        var attended = b.Matmul(weights, value);
        return c.Chance(0.5) ? b.Linear(attended, $"{module}.proj", width) : attended;
    }
}
