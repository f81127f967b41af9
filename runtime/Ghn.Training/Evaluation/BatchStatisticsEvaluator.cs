using Ghn.Graphs;
using Ghn.Training.Data;
using static TorchSharp.torch;

namespace Ghn.Training.Evaluation;

/// <summary>
/// Measures the accuracy of a network given as a graph and a set of parameters, without training it, and with
/// dropout off. <see cref="Accuracy"/>: BatchNorm normalises with the statistics of each test batch (predicted
/// parameters come without running statistics; this is how the reference evaluates GHNs).
/// <see cref="CalibratedAccuracy"/>: what a user of <c>ApplyGhnInit()</c> sees, evaluation mode after
/// <c>BatchNormCalibration.Recalibrate</c> on a few training batches.
/// </summary>
public sealed class BatchStatisticsEvaluator
{
    /// <summary>The reference's evaluation batch size, which sets the batch statistics BatchNorm sees.</summary>
    public const int DefaultBatchSize = 64;

    /// <summary>Training batches <see cref="CalibratedAccuracy"/> calibrates on by default, as the sample does.</summary>
    public const int DefaultCalibrationBatches = 16;

    private readonly GraphExecutor _executor;
    private readonly Lazy<GraphExecutor> _calibration;

    /// <summary>Prepares <paramref name="graph"/> for evaluation.</summary>
    /// <exception cref="ArgumentException">The graph has an op the executor cannot run.</exception>
    public BatchStatisticsEvaluator(ArchitectureGraph graph)
    {
        Graph = graph;
        // Running the graph in training mode gives BatchNorm its batch statistics; dropout, which training
        // mode would also switch on, is replaced by the identity it is at inference.
        var inference = graph.Nodes.Select(n =>
            n.Kind is OpKind.Dropout or OpKind.Dropout2d ? new OpNode(n.Id, OpKind.Identity, n.Inputs, module: n.Module) : n).ToArray();
        _executor = new GraphExecutor(new ArchitectureGraph(inference));
        // Calibration averages the statistics of its batches, as BatchNorm without momentum does.
        // Built on first use: most evaluations (ranking, meta-training's validation) never calibrate.
        _calibration = new Lazy<GraphExecutor>(() => new GraphExecutor(new ArchitectureGraph(inference.Select(n => n.Kind == OpKind.BatchNorm
            ? new OpNode(n.Id, n.Kind, n.Inputs, n.Attributes.Where(a => a.Key != "momentum"), n.Parameters, n.Buffers, n.Module)
            : n))));
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

    /// <summary>
    /// The fraction of <paramref name="images"/> classified correctly in evaluation mode, with BatchNorm's running
    /// statistics computed first from <paramref name="calibrationBatches"/> batches of <paramref name="calibration"/>
    /// images (their plain average, as <c>BatchNormCalibration.Recalibrate</c> computes them).
    /// </summary>
    /// <param name="parameters">Every parameter of the graph by name.</param>
    /// <param name="calibration">The images the running statistics come from (training images).</param>
    /// <param name="images">The evaluation images.</param>
    /// <param name="normalization">The normalisation of the training data.</param>
    /// <param name="calibrationBatches">Batches of <see cref="DefaultBatchSize"/> calibration images.</param>
    /// <param name="seed">Chooses the calibration batches.</param>
    /// <exception cref="ArgumentException">A parameter is missing, or the network does not accept the images (another input size).</exception>
    public double CalibratedAccuracy(
        IReadOnlyDictionary<string, Tensor> parameters, ImageSet calibration, ImageSet images, Normalization normalization, int calibrationBatches = DefaultCalibrationBatches, int seed = 1)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>(parameters, StringComparer.Ordinal);
        foreach (var buffer in Graph.Buffers)
        {
            tensors[buffer.Name] = buffer.Role switch
            {
                "running_var" => ones(buffer.Shape.Select(d => (long)d).ToArray()),
                "num_batches_tracked" => zeros([], ScalarType.Int64),
                _ => zeros(buffer.Shape.Select(d => (long)d).ToArray()),
            };
        }

        var sampler = new BatchSampler(calibration, normalization, DefaultBatchSize, seed);
        for (var i = 0; i < calibrationBatches; i++)
        {
            using var batch = sampler.Next();
            _calibration.Value.Forward(batch.Images, tensors, training: true);
        }

        long correct = 0, seen = 0;
        foreach (var batch in BatchSampler.InOrder(images, normalization, DefaultBatchSize))
        {
            using var owned = batch;
            correct += _executor.Forward(batch.Images, tensors, training: false).argmax(1).eq(batch.Labels).sum().item<long>();
            seen += batch.Count;
        }

        return seen == 0 ? throw new ArgumentException("Evaluation needs at least one image.", nameof(images)) : (double)correct / seen;
    }
}
