using Ghn.Checkpoints;
using Xunit;
using static TorchSharp.torch;

namespace Ghn.Testing;

/// <summary>The reference parity criterion: a set's expected predictions and the comparison against them.</summary>
public static class ParityComparison
{
    /// <summary>What the set in <paramref name="directory"/> predicted for <paramref name="model"/>.</summary>
    public static SafetensorsContent Expected(string directory, string model) => SafetensorsFile.Read(Path.Combine(directory, "expected", model + ".safetensors"));

    /// <summary>
    /// The tensors of a prediction that the reference's can be compared with: a ViT's class token is not in the graph
    /// (it keeps the model's value), and the reference draws the class token's position (row 0 of
    /// <c>encoder.pos_embedding</c>) from its global generator, so only rows 1.. are compared.
    /// </summary>
    public static Dictionary<string, Tensor> Comparable(IReadOnlyDictionary<string, Tensor> tensors) =>
        tensors.Where(t => t.Key != "class_token")
            .ToDictionary(t => t.Key, t => t.Key == PositionEmbedding ? t.Value[.., 1..] : t.Value);

    /// <summary>The parameter whose first row the reference draws at random.</summary>
    public const string PositionEmbedding = "encoder.pos_embedding";

    /// <summary>Asserts the parity criterion: same names and shapes, max |diff| ≤ 1e-4 · max(1, max |expected|) per tensor.</summary>
    /// <returns>The largest absolute difference over all tensors.</returns>
    public static double AssertClose(IReadOnlyDictionary<string, Tensor> expected, IReadOnlyDictionary<string, Tensor> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        var worst = 0.0;
        foreach (var (name, want) in expected)
        {
            var got = actual[name];
            Assert.True(want.shape.SequenceEqual(got.shape), $"{name}: shape [{string.Join(", ", got.shape)}], expected [{string.Join(", ", want.shape)}]");
            using var scope = NewDisposeScope();
            var difference = (got.cpu().to(ScalarType.Float64) - want.to(ScalarType.Float64)).abs().max().item<double>();
            var tolerance = 1e-4 * Math.Max(1.0, want.abs().max().item<float>());
            Assert.True(difference <= tolerance, $"{name}: max |diff| {difference:g4} > tolerance {tolerance:g4}");
            worst = Math.Max(worst, difference);
        }

        return worst;
    }
}
