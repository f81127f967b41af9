using Ghn.Graphs;
using Ghn.Training.Data;
using static TorchSharp.torch;

namespace Ghn.Training.Evaluation;

/// <summary>
/// Measures the accuracy of a network given as a graph and a set of parameters, without training it. BatchNorm
/// normalises with the statistics of each test batch (predicted parameters come without running statistics;
/// this is how the reference evaluates GHNs) and dropout is off.
/// </summary>
public sealed class BatchStatisticsEvaluator
{
    /// <summary>The reference's evaluation batch size, which sets the batch statistics BatchNorm sees.</summary>
    public const int DefaultBatchSize = 64;

    private readonly GraphExecutor _executor;

    /// <summary>Prepares <paramref name="graph"/> for evaluation.</summary>
    /// <exception cref="ArgumentException">The graph has an op the executor cannot run.</exception>
    public BatchStatisticsEvaluator(ArchitectureGraph graph)
    {
        Graph = graph;
        // Running the graph in training mode gives BatchNorm its batch statistics; dropout, which training
        // mode would also switch on, is replaced by the identity it is at inference.
        _executor = new GraphExecutor(new ArchitectureGraph(graph.Nodes.Select(n =>
            n.Kind is OpKind.Dropout or OpKind.Dropout2d ? new OpNode(n.Id, OpKind.Identity, n.Inputs, module: n.Module) : n)));
    }

    /// <summary>The evaluated graph.</summary>
    public ArchitectureGraph Graph { get; }

    /// <summary>The fraction of <paramref name="images"/> classified correctly with <paramref name="parameters"/>.</summary>
    /// <param name="parameters">Every parameter of the graph by name.</param>
    /// <param name="images">The evaluation images.</param>
    /// <param name="normalization">The normalisation of the training data.</param>
    /// <param name="batchSize">Images per batch, which BatchNorm takes its statistics from.</param>
    /// <exception cref="ArgumentException">A parameter is missing, or the network does not accept the images (another input size).</exception>
    public double Accuracy(IReadOnlyDictionary<string, Tensor> parameters, ImageSet images, Normalization normalization, int batchSize = DefaultBatchSize)
    {
        using var noGrad = no_grad();
        long correct = 0, seen = 0;
        foreach (var batch in BatchSampler.InOrder(images, normalization, batchSize))
        {
            using var scope = NewDisposeScope();
            using var owned = batch;
            // Batch statistics of a single image are undefined for 1-D features: a lone tail image is skipped.
            if (batch.Count < 2)
            {
                continue;
            }

            var logits = _executor.Forward(batch.Images, parameters, training: true);
            correct += logits.argmax(1).eq(batch.Labels).sum().item<long>();
            seen += batch.Count;
        }

        return seen == 0 ? throw new ArgumentException("Evaluation needs at least two images.", nameof(images)) : (double)correct / seen;
    }
}
