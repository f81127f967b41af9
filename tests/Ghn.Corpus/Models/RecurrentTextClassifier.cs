using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A recurrent text classifier: token embeddings, a two-layer bidirectional <c>LSTM</c> started from a zero state
/// made in forward (sized by the batch, as PyTorch tutorials write it) whose last step is read with an index, a
/// <c>GRU</c> without an initial state whose final hidden state is read too, and a linear head on both. The recurrent
/// weights keep TorchSharp's initialisation (the GHN has no node type for them); the rest is predicted.
/// </summary>
[Ghn.GhnInit(InputShape = new[] { 9 })]
public sealed partial class RecurrentTextClassifier : Module<Tensor, Tensor>
{
    private readonly Embedding embedding;
    private readonly LSTM lstm;
    private readonly GRU gru;
    private readonly Linear head;
    private readonly int hidden_size;

    public RecurrentTextClassifier(int vocabulary = 40, int width = 16, int hidden = 12, int numClasses = 10) : base(nameof(RecurrentTextClassifier))
    {
        hidden_size = hidden;
        embedding = Embedding(vocabulary, width);
        lstm = LSTM(width, hidden, numLayers: 2, batchFirst: true, bidirectional: true);
        gru = GRU(2 * hidden, hidden, batchFirst: true);
        head = Linear(3 * hidden, numClasses);
        RegisterComponents();
    }

    public override Tensor forward(Tensor tokens)
    {
        var h0 = zeros(2 * 2, tokens.size(0), hidden_size, device: tokens.device);
        var c0 = zeros(2 * 2, tokens.size(0), hidden_size, device: tokens.device);
        var (output, _, _) = lstm.call(embedding.forward(tokens), (h0, c0));
        var (_, state) = gru.call(output);
        return head.forward(cat([output[.., -1, ..], state[-1]], dim: 1));
    }
}
