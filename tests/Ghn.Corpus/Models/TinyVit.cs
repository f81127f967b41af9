using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A small vision transformer written the way TorchSharp code without attention modules writes one: a patch
/// embedding (strided convolution), a class token and a learned position embedding as <c>Parameter</c> fields, a
/// registered buffer, encoder blocks whose self-attention is spelled out (<c>view</c> with sizes computed from
/// the input shape, <c>permute</c>, <c>unbind</c>-style <c>select</c>, <c>matmul</c>, <c>softmax</c>), and a head on
/// the class token.
/// </summary>
[Ghn.GhnInit(InputShape = new[] { 1, 28, 28 })]
public sealed partial class TinyVit : Module<Tensor, Tensor>
{
    private readonly Conv2d patches;
    private readonly Parameter class_token;
    private readonly Parameter pos_embedding;
    private readonly ModuleList<VitBlock> blocks = new();
    private readonly LayerNorm norm;
    private readonly Linear head;

    public TinyVit(int numClasses = 10, int patch = 7, int width = 32, int depth = 2, int heads = 2) : base(nameof(TinyVit))
    {
        var tokens = (28 / patch) * (28 / patch);
        patches = Conv2d(1, width, kernel_size: patch, stride: patch);
        class_token = Parameter(zeros(1, 1, width));
        pos_embedding = Parameter(randn(1, tokens + 1, width) * 0.02);
        for (var i = 0; i < depth; i++)
        {
            blocks.Add(new VitBlock(width, heads));
        }

        norm = LayerNorm(width, eps: 1e-6);
        head = Linear(width, numClasses);
        register_buffer("temperature", ones(1) * 1.5);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = patches.forward(x).flatten(2).transpose(1, 2);               // [B, 16, width]
        var token = class_token.expand(x.shape[0], -1, -1);
        x = cat([token, x], dim: 1) + pos_embedding;
        foreach (var block in blocks)
        {
            x = block.forward(x);
        }

        var logits = head.forward(norm.forward(x).select(1, 0));
        return logits / get_buffer("temperature")!;
    }
}

/// <summary>A pre-norm transformer encoder block with its self-attention written out.</summary>
public sealed class VitBlock : Module<Tensor, Tensor>
{
    private readonly int heads;
    private readonly LayerNorm ln_1;
    private readonly Linear qkv;
    private readonly Linear proj;
    private readonly LayerNorm ln_2;
    private readonly Sequential mlp;

    public VitBlock(int width, int heads) : base(nameof(VitBlock))
    {
        this.heads = heads;
        ln_1 = LayerNorm(width);
        qkv = Linear(width, 3 * width);
        proj = Linear(width, width);
        ln_2 = LayerNorm(width);
        mlp = Sequential(Linear(width, 2 * width), GELU(), Dropout(0.1), Linear(2 * width, width));
    }

    public override Tensor forward(Tensor x)
    {
        var (batch, tokens, width) = (x.shape[0], x.shape[1], x.shape[2]);
        var y = qkv.forward(ln_1.forward(x)).view(batch, tokens, 3, heads, width / heads).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (y.select(0, 0), y.select(0, 1), y.select(0, 2));
        var attention = functional.softmax(q.matmul(k.transpose(-2, -1)) * (1.0 / Math.Sqrt(width / heads)), -1);
        x = x + proj.forward(attention.matmul(v).transpose(1, 2).reshape(batch, tokens, width));
        return x + mlp.forward(ln_2.forward(x));
    }
}
