using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A small LLaMA-style next-token model: an RMSNorm written with <c>pow</c>, <c>mean</c> and <c>rsqrt</c> on its own
/// weight, a feed-forward block run on the flattened tokens (<c>reshape(B * T, C)</c> and back), the output computed
/// with the token embedding's weight (<c>F.linear(x, wte.weight)</c>, a weight tied by reuse), logits clamped and
/// turned into probabilities only in evaluation mode (<c>if (!training)</c>).
/// </summary>
[Ghn.GhnInit(InputShape = new[] { 6 })]
public sealed partial class RmsNormLanguageModel : Module<Tensor, Tensor>
{
    private readonly Embedding wte;
    private readonly RmsNorm norm;
    private readonly Linear up;
    private readonly Linear down;
    private readonly RmsNorm norm_f;

    public RmsNormLanguageModel(int vocab_size = 10, int dim = 16) : base(nameof(RmsNormLanguageModel))
    {
        wte = Embedding(vocab_size, dim);
        norm = new RmsNorm(dim);
        up = Linear(dim, 2 * dim, hasBias: false);
        down = Linear(2 * dim, dim, hasBias: false);
        norm_f = new RmsNorm(dim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor tokens)
    {
        var x = wte.forward(tokens);
        var (B, T, C) = (x.size(0), x.size(1), x.size(2));
        var flat = norm.forward(x).reshape(B * T, C);
        var hidden = down.forward(functional.silu(up.forward(flat)));
        x = x + hidden.reshape(B, T, C);
        var logits = functional.linear(norm_f.forward(x)[TensorIndex.Colon, -1], wte.weight!).clamp(-30.0, 30.0);
        if (!training)
        {
            return functional.softmax(logits.to(ScalarType.Float64), 1).to(ScalarType.Float32);
        }

        return logits;
    }
}

/// <summary>Root-mean-square normalisation with a learned scale, as LLaMA writes it.</summary>
public sealed class RmsNorm : Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly double eps;

    public RmsNorm(long dim, double eps = 1e-6) : base(nameof(RmsNorm))
    {
        this.eps = eps;
        weight = Parameter(ones(dim));
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => x * (x.pow(2).mean([-1], keepdim: true) + eps).rsqrt() * weight;
}
