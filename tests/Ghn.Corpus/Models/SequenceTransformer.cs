using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// The model of TorchSharp's sequence-to-sequence example, as a classifier: token ids sequence first ([S, N], so the
/// input shape marks the batch with -1), an embedding scaled by the square root of its width, a sinusoidal position
/// table built in the constructor with <c>arange</c>, <c>exp</c>, <c>sin</c>, <c>cos</c> and slice assignments and
/// registered as a buffer, a <c>TransformerEncoder</c> given the attention mask as the model's second input, and a
/// linear head on the mean token.
/// </summary>
[Ghn.GhnInit(InputShape = new[] { 12, -1 })]
public sealed partial class SequenceTransformer : Module<Tensor, Tensor, Tensor>
{
    private readonly Embedding encoder;
    private readonly PositionalEncoding pos_encoder;
    private readonly TransformerEncoder transformer_encoder;
    private readonly Linear decoder;
    private readonly long width;

    public SequenceTransformer(long tokens = 50, long width = 16, long heads = 2, long hidden = 32, long layers = 2, int numClasses = 10)
        : base(nameof(SequenceTransformer))
    {
        this.width = width;
        encoder = Embedding(tokens, width);
        pos_encoder = new PositionalEncoding(width, maxLength: 64);
        transformer_encoder = TransformerEncoder(TransformerEncoderLayer(width, heads, hidden, dropout: 0.0), layers);
        decoder = Linear(width, numClasses);
        RegisterComponents();
    }

    public override Tensor forward(Tensor t, Tensor mask)
    {
        var src = pos_encoder.call(encoder.call(t) * Math.Sqrt(width));
        var output = transformer_encoder.call(src, mask);
        return decoder.call(output.mean([0]));
    }
}

/// <summary>The sinusoidal position table of "Attention is all you need", added to sequence-first inputs.</summary>
public sealed class PositionalEncoding : Module<Tensor, Tensor>
{
    private readonly Dropout dropout;
    private readonly Tensor pe;

    public PositionalEncoding(long width, long maxLength) : base(nameof(PositionalEncoding))
    {
        dropout = Dropout(0.0);
        var table = zeros(maxLength, width);
        var position = arange(0, maxLength, 1).unsqueeze(1);
        var frequencies = (arange(0, width, 2) * (-Math.Log(10000.0) / width)).exp();
        table[TensorIndex.Ellipsis, TensorIndex.Slice(0, null, 2)] = (position * frequencies).sin();
        table[TensorIndex.Ellipsis, TensorIndex.Slice(1, null, 2)] = (position * frequencies).cos();
        pe = table.unsqueeze(0).transpose(0, 1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x) => dropout.call(x + pe[TensorIndex.Slice(null, x.shape[0]), TensorIndex.Slice()]);
}
