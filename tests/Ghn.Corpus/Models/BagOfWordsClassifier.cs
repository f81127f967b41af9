using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// TorchSharp's text-classification example model: an <c>EmbeddingBag</c> over a flat batch of token ids cut into
/// sentences by offsets (<c>forward(input, offsets)</c>), a linear head, and weights initialised in the constructor.
/// </summary>
[Ghn.GhnInit]
public sealed partial class BagOfWordsClassifier : Module<Tensor, Tensor, Tensor>
{
    private readonly EmbeddingBag embedding;
    private readonly Linear fc;

    public BagOfWordsClassifier(long vocabulary = 60, long embeddingDim = 16, long numClasses = 10) : base(nameof(BagOfWordsClassifier))
    {
        embedding = EmbeddingBag(vocabulary, embeddingDim, sparse: false);
        fc = Linear(embeddingDim, numClasses);
        InitWeights();
        RegisterComponents();
    }

    private void InitWeights()
    {
        using (no_grad())
        {
            var initrange = 0.5;
            init.uniform_(embedding.weight, -initrange, initrange);
            init.uniform_(fc.weight, -initrange, initrange);
            init.zeros_(fc.bias);
        }
    }

    public override Tensor forward(Tensor input, Tensor offsets) => fc.call(embedding.call(input, offsets));
}
