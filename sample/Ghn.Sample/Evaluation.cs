using Ghn.Training.Data;
using static TorchSharp.torch;

namespace Ghn.Sample;

/// <summary>Test accuracy of an untrained model after recalibrating its BatchNorm statistics on a few training batches.</summary>
internal sealed class Evaluation(ImageDataset data, int calibrationBatches, int batchSize, int seed)
{
    private readonly Normalization _normalization = Normalization.Of(data.Train);

    public int CalibrationImages => calibrationBatches * batchSize;

    public double Accuracy(nn.Module<Tensor, Tensor> model)
    {
        // The same batches for every model, so the comparison is fair.
        var sampler = new BatchSampler(data.Train, _normalization, batchSize, seed);
        var batches = Enumerable.Range(0, calibrationBatches).Select(_ => sampler.Next()).ToArray();
        try
        {
            BatchNormCalibration.Recalibrate(model, batches.Select(b => b.Images));
        }
        finally
        {
            foreach (var batch in batches)
            {
                batch.Dispose();
            }
        }

        model.eval();
        using var noGrad = no_grad();
        long correct = 0;
        foreach (var batch in BatchSampler.InOrder(data.Test, _normalization, 1000))
        {
            using (batch)
            using (var scope = NewDisposeScope())
            {
                correct += model.forward(batch.Images).argmax(1).eq(batch.Labels).sum().item<long>();
            }
        }

        return (double)correct / data.Test.Count;
    }
}
