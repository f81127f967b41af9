using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// Recomputes the running statistics of a model's BatchNorm layers from a few batches of data. Predicted weights come
/// without running statistics (they are not parameters), so a model evaluated without training first needs this:
/// with the default statistics (mean 0, variance 1) its activations are normalised with the wrong scale.
/// </summary>
public static class BatchNormCalibration
{
    /// <summary>
    /// Resets the running mean and variance of every BatchNorm layer of <paramref name="model"/> and re-estimates them as the
    /// plain average over <paramref name="batches"/> (each a model input). Parameters do not change, no gradients are
    /// computed, and the model's training mode and the layers' momentum are restored afterwards.
    /// </summary>
    /// <returns>The number of BatchNorm layers recalibrated.</returns>
    public static int Recalibrate(nn.Module<Tensor, Tensor> model, IEnumerable<Tensor> batches)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batches);

        var layers = model.modules().OfType<BatchNorm>().Where(b => b.track_running_stats).ToArray();
        if (layers.Length == 0)
        {
            return 0;
        }

        var wasTraining = model.training;
        var momenta = layers.Select(b => b.momentum).ToArray();
        try
        {
            using var noGrad = no_grad();
            model.eval();
            foreach (var layer in layers)
            {
                layer.running_mean!.zero_();
                layer.running_var!.fill_(1);
                layer.num_batches_tracked!.zero_();

                // Without momentum, BatchNorm keeps the cumulative average over the batches it sees.
                layer.momentum = null;
                layer.train();
            }

            foreach (var batch in batches)
            {
                using var scope = NewDisposeScope();
                model.forward(batch);
            }
        }
        finally
        {
            for (var i = 0; i < layers.Length; i++)
            {
                layers[i].momentum = momenta[i];
            }

            model.train(wasTraining);
        }

        return layers.Length;
    }
}
