using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// ShuffleNet's channel shuffle and split (<c>view</c> with sizes read off the tensor, <c>transpose</c>,
/// <c>contiguous</c>, <c>chunk</c>, <c>split</c>, <c>narrow</c>) and a single-head self-attention over spatial
/// positions written with tensor ops (<c>permute</c>, <c>matmul</c>, <c>softmax</c>, <c>unsqueeze</c>,
/// <c>squeeze</c>, <c>-</c>, <c>/</c>), as TorchSharp code without attention modules writes it.
/// </summary>
[Ghn.GhnInit(InputShape = new[] { 1, 28, 28 })]
public sealed partial class ShuffleAttentionNet : Module<Tensor, Tensor>
{
    private readonly Sequential stem;
    private readonly Sequential branch;
    private readonly Linear query;
    private readonly Linear key;
    private readonly Linear value;
    private readonly Linear head;

    public ShuffleAttentionNet(int numClasses = 10, int channels = 16) : base(nameof(ShuffleAttentionNet))
    {
        stem = Sequential(Conv2d(1, channels, kernel_size: 3, stride: 2, padding: 1, bias: false), BatchNorm2d(channels), ReLU());
        branch = Sequential(
            Conv2d(channels / 2, channels / 2, kernel_size: 3, padding: 1, groups: channels / 2, bias: false),
            BatchNorm2d(channels / 2),
            Conv2d(channels / 2, channels / 2, kernel_size: 1),
            ReLU());
        query = Linear(channels, channels);
        key = Linear(channels, channels);
        value = Linear(channels, channels);
        head = Linear(channels, numClasses);
        RegisterComponents();
    }

    private static Tensor ChannelShuffle(Tensor x, int groups)
    {
        var (batch, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3]);
        var perGroup = channels / groups;
        x = x.view(batch, groups, perGroup, height, width);
        x = x.transpose(1, 2).contiguous();
        return x.view(batch, -1, height, width);
    }

    public override Tensor forward(Tensor x)
    {
        x = stem.forward(x);                                        // [B, 16, 14, 14]
        var halves = x.chunk(2, dim: 1);
        x = ChannelShuffle(cat([halves[0], branch.forward(halves[1])], 1), 2);
        var parts = x.split([4, 12], dim: 1);
        x = cat([parts[1], parts[0].narrow(1, 0, 4)], 1);           // [B, 16, 14, 14]

        var tokens = x.flatten(2).permute(0, 2, 1);                 // [B, 196, 16]
        var scale = Math.Sqrt(tokens.shape[2]);
        var attention = (query.forward(tokens).matmul(key.forward(tokens).transpose(1, 2)) / scale).softmax(-1);
        var attended = attention.matmul(value.forward(tokens)) - tokens.mean([1], keepdim: true);
        var pooled = attended.unsqueeze(1).mean([2]).squeeze(1);   // [B, 16]
        return head.forward(1 - (-pooled));
    }
}
