using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A sequence-to-sequence model in the style of PyTorch's translation tutorial, sequence first as TorchSharp's
/// transformer takes it: source and target token embeddings scaled by √width, TorchSharp's native <c>Transformer</c>
/// (an encoder and a decoder with their final norms) with a causal target mask registered as a buffer, and a
/// generator layer read at the last target position. A <c>TransformerDecoder</c> of one more decoder layer refines
/// the result against the same memory.
/// </summary>
[Ghn.GhnInit(InputShape = new[] { 7, -1 })]
public sealed partial class TranslationTransformer : Module<Tensor, Tensor, Tensor>
{
    private readonly int emb_size;
    private readonly Embedding src_tok_emb;
    private readonly Embedding tgt_tok_emb;
    private readonly Transformer transformer;
    private readonly TransformerDecoder refine;
    private readonly Linear generator;

    public TranslationTransformer(int src_vocab_size = 20, int tgt_vocab_size = 10, int emb_size = 16, int nhead = 2, int target_length = 5)
        : base(nameof(TranslationTransformer))
    {
        this.emb_size = emb_size;
        src_tok_emb = Embedding(src_vocab_size, emb_size);
        tgt_tok_emb = Embedding(tgt_vocab_size, emb_size);
        transformer = Transformer(d_model: emb_size, nhead: nhead, num_encoder_layers: 2, num_decoder_layers: 1, dim_feedforward: 32, dropout: 0.1);
        refine = TransformerDecoder(TransformerDecoderLayer(emb_size, nhead, 32, 0.1, Activations.GELU), 1);
        generator = Linear(emb_size, tgt_vocab_size);
        register_buffer("tgt_mask", triu(full(target_length, target_length, float.NegativeInfinity), 1));
        RegisterComponents();
    }

    public override Tensor forward(Tensor src, Tensor tgt)
    {
        var src_emb = src_tok_emb.call(src) * Math.Sqrt(emb_size);
        var tgt_emb = tgt_tok_emb.call(tgt) * Math.Sqrt(emb_size);
        var mask = get_buffer("tgt_mask")!;
        var outs = transformer.call(src_emb, tgt_emb, src_mask: null!, tgt_mask: mask);
        outs = refine.call(outs, src_emb, mask);
        return generator.call(outs[-1]);
    }
}
