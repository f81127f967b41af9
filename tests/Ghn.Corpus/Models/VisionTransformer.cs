using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// torchvision's <c>VisionTransformer</c> ported to TorchSharp with its module and parameter names (<c>conv_proj</c>,
/// <c>class_token</c>, <c>encoder.pos_embedding</c>, <c>encoder.layers.encoder_layer_&lt;i&gt;</c>, <c>heads.head</c>),
/// at the size of the reference parity fixture <c>vit_tiny</c>: 7×7 patches of a 28×28 grayscale image, width 32,
/// two layers of two heads, MLP width 64.
/// </summary>
[Ghn.GhnInit(InputShape = new[] { 1, 28, 28 })]
public sealed partial class VisionTransformer : Module<Tensor, Tensor>
{
    private readonly int patch_size;
    private readonly int hidden_dim;
    private readonly Conv2d conv_proj;
    private readonly Parameter class_token;
    private readonly VitEncoder encoder;
    private readonly Sequential heads;

    public VisionTransformer(int image_size = 28, int patch_size = 7, int num_layers = 2, int num_heads = 2, int hidden_dim = 32, int mlp_dim = 64, int num_classes = 10)
        : base(nameof(VisionTransformer))
    {
        this.patch_size = patch_size;
        this.hidden_dim = hidden_dim;
        conv_proj = Conv2d(1, hidden_dim, kernel_size: patch_size, stride: patch_size);
        var seq_length = (image_size / patch_size) * (image_size / patch_size);
        class_token = Parameter(zeros(1, 1, hidden_dim));
        seq_length += 1;
        encoder = new VitEncoder(seq_length, num_layers, num_heads, hidden_dim, mlp_dim);
        heads = Sequential(("head", Linear(hidden_dim, num_classes)));
        RegisterComponents();
    }

    private Tensor process_input(Tensor x)
    {
        var (n, h, w) = (x.shape[0], x.shape[2], x.shape[3]);
        var (n_h, n_w) = (h / patch_size, w / patch_size);
        x = conv_proj.call(x);
        x = x.reshape(n, hidden_dim, n_h * n_w);
        return x.permute(0, 2, 1);
    }

    public override Tensor forward(Tensor x)
    {
        x = process_input(x);
        var n = x.shape[0];
        var batch_class_token = class_token.expand(n, -1, -1);
        x = cat([batch_class_token, x], dim: 1);
        x = encoder.call(x);
        x = x[TensorIndex.Colon, 0];
        return heads.call(x);
    }
}

/// <summary>torchvision's <c>Encoder</c>: the learned position embedding, the encoder blocks, a final LayerNorm.</summary>
public sealed class VitEncoder : Module<Tensor, Tensor>
{
    private readonly Parameter pos_embedding;
    private readonly Dropout dropout;
    private readonly Sequential layers;
    private readonly LayerNorm ln;

    public VitEncoder(int seq_length, int num_layers, int num_heads, int hidden_dim, int mlp_dim) : base("Encoder")
    {
        pos_embedding = Parameter(empty(1, seq_length, hidden_dim).normal_(std: 0.02));
        dropout = Dropout(0.0);
        var blocks = new List<(string, Module<Tensor, Tensor>)>();
        for (var i = 0; i < num_layers; i++)
        {
            blocks.Add(($"encoder_layer_{i}", new VitEncoderBlock(num_heads, hidden_dim, mlp_dim)));
        }

        layers = Sequential(blocks);
        ln = LayerNorm(hidden_dim, eps: 1e-6);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        input = input + pos_embedding;
        return ln.call(layers.call(dropout.call(input)));
    }
}

/// <summary>torchvision's <c>EncoderBlock</c> (pre-norm); TorchSharp's attention takes the sequence first.</summary>
public sealed class VitEncoderBlock : Module<Tensor, Tensor>
{
    private readonly LayerNorm ln_1;
    private readonly MultiheadAttention self_attention;
    private readonly Dropout dropout;
    private readonly LayerNorm ln_2;
    private readonly Sequential mlp;

    public VitEncoderBlock(int num_heads, int hidden_dim, int mlp_dim) : base("EncoderBlock")
    {
        ln_1 = LayerNorm(hidden_dim, eps: 1e-6);
        self_attention = MultiheadAttention(hidden_dim, num_heads);
        dropout = Dropout(0.0);
        ln_2 = LayerNorm(hidden_dim, eps: 1e-6);
        mlp = Sequential(Linear(hidden_dim, mlp_dim), GELU(), Dropout(0.0), Linear(mlp_dim, hidden_dim), Dropout(0.0));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var x = ln_1.call(input).transpose(0, 1);
        (x, _) = self_attention.call(x, x, x, null, false, null);
        x = dropout.call(x.transpose(0, 1));
        x = x + input;
        var y = ln_2.call(x);
        y = mlp.call(y);
        return x + y;
    }
}
