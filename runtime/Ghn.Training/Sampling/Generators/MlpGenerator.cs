using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>
/// Multi-layer perceptrons on the flattened image: 1–6 hidden linear layers (narrowing or constant width),
/// each optionally normalised (BatchNorm1d or LayerNorm) and followed by the activation and dropout.
/// </summary>
internal sealed class MlpGenerator : IArchitectureGenerator
{
    private enum Normalisation
    {
        None,
        Batch,
        Layer,
    }

    public string Name => "mlp";

    public Feature Build(SamplingContext c)
    {
        var b = c.Builder;
        var hiddenLayers = Math.Clamp(c.Units() / 2, 1, 6);
        var normalisation = c.Choose(Normalisation.None, Normalisation.Layer, c.UseBatchNorm ? Normalisation.Batch : Normalisation.None);
        var dropout = c.Chance(0.4) ? c.Choose(0.1, 0.2, 0.5) : 0;
        var narrowing = c.Chance(0.5);

        var names = new SequentialNames("layers");
        var x = b.Flatten(b.Input);
        var width = c.Width() * 8;
        for (var layer = 0; layer < hiddenLayers; layer++)
        {
            // A bias before BatchNorm is redundant, and people leave it out.
            x = b.Linear(x, names.Next(), width, bias: normalisation != Normalisation.Batch);
            x = normalisation switch
            {
                Normalisation.Batch => b.BatchNorm(x, names.Next()),
                Normalisation.Layer => b.LayerNorm(x, names.Next()),
                _ => x,
            };
            x = c.Act(x, names.Next());
            if (dropout > 0)
            {
                x = b.Dropout(x, dropout, names.Next());
            }

            if (narrowing)
            {
                width = Math.Max(16, width / 2);
            }
        }

        return b.Linear(x, names.Next(), c.Task.ClassCount);
    }
}
