using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// nanoGPT's building blocks as TorchSharp ports write them: a LayerNorm of its own with <c>Parameter</c> weight and
/// bias applied through <c>functional.layer_norm</c>, attention through
/// <c>functional.scaled_dot_product_attention</c> with a causal mask, and intermediate tensors disposed in forward.
/// </summary>
[Ghn.GhnInit(InputShape = new[] { 10 })]
public sealed partial class NanoGptClassifier : Module<Tensor, Tensor>
{
    private readonly Embedding wte;
    private readonly OwnLayerNorm ln_1;
    private readonly Linear c_attn;
    private readonly Linear c_proj;
    private readonly OwnLayerNorm ln_f;
    private readonly Linear head;
    private readonly int n_head;

    public NanoGptClassifier(int vocabulary = 30, int embedding = 16, int heads = 2, int numClasses = 10) : base(nameof(NanoGptClassifier))
    {
        n_head = heads;
        wte = Embedding(vocabulary, embedding);
        ln_1 = new OwnLayerNorm(embedding, bias: true);
        c_attn = Linear(embedding, 3 * embedding);
        c_proj = Linear(embedding, embedding);
        ln_f = new OwnLayerNorm(embedding, bias: true);
        head = Linear(embedding, numClasses);
        RegisterComponents();
    }

    public override Tensor forward(Tensor idx)
    {
        var x = wte.forward(idx);
        var (B, T, C) = (x.size(0), x.size(1), x.size(2));
        var qkv = c_attn.forward(ln_1.forward(x)).split(C, 2);
        var q = qkv[0].view(B, T, n_head, C / n_head).transpose(1, 2);
        var k = qkv[1].view(B, T, n_head, C / n_head).transpose(1, 2);
        var v = qkv[2].view(B, T, n_head, C / n_head).transpose(1, 2);
        var y = functional.scaled_dot_product_attention(q, k, v, null, 0.0, is_casual: true);
        q.Dispose();
        x = x + c_proj.forward(y.transpose(1, 2).contiguous().view(B, T, C));
        return head.forward(ln_f.forward(x).mean([1]));
    }
}

/// <summary>nanoGPT's LayerNorm with an optional bias: Parameter fields and <c>functional.layer_norm</c>.</summary>
public sealed class OwnLayerNorm : Module<Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    public OwnLayerNorm(long ndim, bool bias) : base(nameof(OwnLayerNorm))
    {
        weight = Parameter(ones(ndim));
        this.bias = Parameter(bias ? zeros(ndim) : ones(ndim));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => functional.layer_norm(input, weight.shape, weight, bias, 1e-5);
}
