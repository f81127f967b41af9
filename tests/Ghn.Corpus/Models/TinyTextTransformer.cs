using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A small causal transformer over token ids in the style of nanoGPT ports to TorchSharp: token and position
/// <c>Embedding</c>s (positions from <c>torch.arange</c> on the input's device), a causal mask registered as a
/// buffer and sliced to the sequence length, attention heads split with <c>split</c>, <c>view</c> sizes computed
/// from the input shape (<c>C / heads</c>), <c>masked_fill</c> with negative infinity, and a classifier on the mean
/// token.
/// </summary>
[Ghn.GhnInit(InputShape = new[] { 12 })]
public sealed partial class TinyTextTransformer : Module<Tensor, Tensor>
{
    private readonly Embedding wte;
    private readonly Embedding wpe;
    private readonly ModuleList<CausalBlock> h = new();
    private readonly LayerNorm ln_f;
    private readonly Linear head;

    public TinyTextTransformer(int vocabulary = 50, int blockSize = 16, int embedding = 32, int layers = 2, int heads = 4, int numClasses = 10)
        : base(nameof(TinyTextTransformer))
    {
        wte = Embedding(vocabulary, embedding);
        wpe = Embedding(blockSize, embedding);
        for (var i = 0; i < layers; i++)
        {
            h.Add(new CausalBlock(embedding, heads, blockSize));
        }

        ln_f = LayerNorm(embedding);
        head = Linear(embedding, numClasses);
        RegisterComponents();
    }

    public override Tensor forward(Tensor idx)
    {
        var t = idx.shape[1];
        var pos = arange(0, t, dtype: @long, device: idx.device);
        var x = wte.forward(idx) + wpe.forward(pos);
        foreach (var block in h)
        {
            x = block.forward(x);
        }

        return head.forward(ln_f.forward(x).mean([1]));
    }
}

/// <summary>A pre-norm block with causal self-attention and an MLP.</summary>
public sealed class CausalBlock : Module<Tensor, Tensor>
{
    private readonly int n_head;
    private readonly int n_embd;
    private readonly LayerNorm ln_1;
    private readonly Linear c_attn;
    private readonly Linear c_proj;
    private readonly LayerNorm ln_2;
    private readonly Sequential mlp;

    public CausalBlock(int embedding, int heads, int blockSize) : base(nameof(CausalBlock))
    {
        n_head = heads;
        n_embd = embedding;
        ln_1 = LayerNorm(embedding);
        c_attn = Linear(embedding, 3 * embedding);
        c_proj = Linear(embedding, embedding);
        ln_2 = LayerNorm(embedding);
        mlp = Sequential(Linear(embedding, 4 * embedding), GELU(), Linear(4 * embedding, embedding), Dropout(0.1));
        register_buffer("bias", tril(ones(blockSize, blockSize)).view(1, 1, blockSize, blockSize));
    }

    public override Tensor forward(Tensor x)
    {
        var (B, T, C) = (x.size(0), x.size(1), x.size(2));
        var qkv = c_attn.forward(ln_1.forward(x)).split(n_embd, dim: 2);
        var q = qkv[0].view(B, T, n_head, C / n_head).transpose(1, 2);
        var k = qkv[1].view(B, T, n_head, C / n_head).transpose(1, 2);
        var v = qkv[2].view(B, T, n_head, C / n_head).transpose(1, 2);
        var att = q.matmul(k.transpose(-2, -1)) * (1.0 / Math.Sqrt(k.size(-1)));
        var mask = get_buffer("bias")!;
        att = functional.softmax(att.masked_fill(mask[.., .., ..(int)T, ..(int)T] == 0, double.NegativeInfinity), -1);
        var y = att.matmul(v).transpose(1, 2).contiguous().view(B, T, C);
        x = x + c_proj.forward(y);
        return x + mlp.forward(ln_2.forward(x));
    }
}
