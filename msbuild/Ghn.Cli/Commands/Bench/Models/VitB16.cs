// Benchmark input of `ghn bench extract`: torchvision's vit_b_16 (224×224 images, 16×16 patches, width 768, 12
// layers of 12 heads, MLP 3072) written in C# for TorchSharp with its self-attention spelled out. Embedded as a
// resource and compiled by the benchmark with Roslyn; it is not part of the ghn assembly.
using System;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Benchmarks;

/// <summary>An encoder block: pre-norm self-attention and MLP, each with a residual connection.</summary>
public sealed class EncoderBlock : Module<Tensor, Tensor>
{
    private readonly int heads;
    private readonly LayerNorm ln_1;
    private readonly Linear in_proj;
    private readonly Linear out_proj;
    private readonly LayerNorm ln_2;
    private readonly Sequential mlp;

    public EncoderBlock(int width, int heads, int mlpWidth) : base(nameof(EncoderBlock))
    {
        this.heads = heads;
        ln_1 = LayerNorm(width, eps: 1e-6);
        in_proj = Linear(width, 3 * width);
        out_proj = Linear(width, width);
        ln_2 = LayerNorm(width, eps: 1e-6);
        mlp = Sequential(Linear(width, mlpWidth), GELU(), Dropout(0.0), Linear(mlpWidth, width), Dropout(0.0));
    }

    public override Tensor forward(Tensor x)
    {
        var (batch, tokens, width) = (x.shape[0], x.shape[1], x.shape[2]);
        var qkv = in_proj.forward(ln_1.forward(x)).view(batch, tokens, 3, heads, width / heads).permute(2, 0, 3, 1, 4);
        var (q, k, v) = (qkv.select(0, 0), qkv.select(0, 1), qkv.select(0, 2));
        var attention = functional.softmax(q.matmul(k.transpose(-2, -1)) / Math.Sqrt(width / heads), -1);
        x = x + out_proj.forward(attention.matmul(v).transpose(1, 2).reshape(batch, tokens, width));
        return x + mlp.forward(ln_2.forward(x));
    }
}

/// <summary>torchvision's <c>vit_b_16</c>: patch embedding, class token, position embedding, 12 encoder blocks, head.</summary>
[Ghn.GhnInit(InputShape = new[] { 3, 224, 224 })]
public sealed partial class VitB16 : Module<Tensor, Tensor>
{
    private readonly Conv2d conv_proj;
    private readonly Parameter class_token;
    private readonly Parameter pos_embedding;
    private readonly ModuleList<EncoderBlock> layers = new();
    private readonly LayerNorm ln;
    private readonly Linear head;

    public VitB16(int numClasses = 1000, int patch = 16, int width = 768, int depth = 12, int heads = 12, int mlpWidth = 3072) : base(nameof(VitB16))
    {
        var tokens = (224 / patch) * (224 / patch);
        conv_proj = Conv2d(3, width, kernel_size: patch, stride: patch);
        class_token = Parameter(zeros(1, 1, width));
        pos_embedding = Parameter(randn(1, tokens + 1, width) * 0.02);
        for (var i = 0; i < depth; i++)
        {
            layers.Add(new EncoderBlock(width, heads, mlpWidth));
        }

        ln = LayerNorm(width, eps: 1e-6);
        head = Linear(width, numClasses);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        x = conv_proj.forward(x).flatten(2).transpose(1, 2);
        x = cat([class_token.expand(x.shape[0], -1, -1), x], dim: 1) + pos_embedding;
        foreach (var layer in layers)
        {
            x = layer.forward(x);
        }

        return head.forward(ln.forward(x).select(1, 0));
    }
}
