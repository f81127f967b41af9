using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A next-token model in nanoGPT's style: token and learned position embeddings (<c>arange</c> over the sequence),
/// a pre-norm residual MLP whose projection is applied twice (one layer, shared weights), and an output layer tied
/// to the token embedding (<c>wte.weight = lm_head.weight</c>, as nanoGPT writes it), read at the last position.
/// </summary>
[Ghn.GhnInit(InputShape = new[] { 8 })]
public sealed partial class TiedLanguageModel : Module<Tensor, Tensor>
{
    private readonly Embedding wte;
    private readonly Embedding wpe;
    private readonly LayerNorm ln;
    private readonly Linear mix;
    private readonly LayerNorm ln_f;
    private readonly Linear lm_head;

    public TiedLanguageModel(int vocab_size = 10, int block_size = 8, int n_embd = 16) : base(nameof(TiedLanguageModel))
    {
        wte = Embedding(vocab_size, n_embd);
        wpe = Embedding(block_size, n_embd);
        ln = LayerNorm(n_embd);
        mix = Linear(n_embd, n_embd);
        ln_f = LayerNorm(n_embd);
        lm_head = Linear(n_embd, vocab_size, hasBias: false);
        wte.weight = lm_head.weight;
        RegisterComponents();
    }

    public override Tensor forward(Tensor idx)
    {
        var t = idx.shape[1];
        var pos = arange(0, t, dtype: ScalarType.Int64, device: idx.device);
        var x = wte.forward(idx) + wpe.forward(pos);
        x = x + mix.forward(functional.gelu(mix.forward(ln.forward(x))));
        x = ln_f.forward(x);
        return lm_head.forward(x[TensorIndex.Colon, -1]);
    }
}
