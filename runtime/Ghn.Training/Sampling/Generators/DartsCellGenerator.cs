using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>
/// DeepNets-1M-style networks (Knyazev et al. 2021, after DARTS): a conv stem, then a sequence of cells
/// whose reduction cells (at one and two thirds of the depth) halve the resolution and widen the channels.
/// Every cell reads the outputs of the two previous cells (1×1-conv "preprocessing" matches their sizes)
/// and is a random DAG shared by all normal cells (and another by all reduction cells): each step sums two
/// ops applied to earlier states, and the cell's output concatenates some of the steps.
/// </summary>
internal sealed class DartsCellGenerator : IArchitectureGenerator
{
    private enum CellOp
    {
        Conv1x1,
        Conv3x3,
        Conv5x5,
        SepConv3x3,
        SepConv5x5,
        DilConv3x3,
        DilConv5x5,
        MaxPool3x3,
        AvgPool3x3,
        Skip,
        SqueezeExcitation,
    }

    private static readonly CellOp[] AllOps = Enum.GetValues<CellOp>();
    private static readonly CellOp[] PoolOps = [CellOp.MaxPool3x3, CellOp.AvgPool3x3, CellOp.Skip];

    public string Name => "deepnets";

    public Feature Build(SamplingContext c)
    {
        var cellCount = c.Units();
        // Deep networks get lighter cells, as in the DeepNets-1M generator.
        var steps = c.Between(1, cellCount <= 5 ? 4 : 2);
        var normal = SampleGenotype(c, steps, reduction: false);
        var reduce = SampleGenotype(c, steps, reduction: true);
        var concat = Enumerable.Range(2, steps).Where(s => s == steps + 1 || !c.Chance(0.3)).ToArray();
        var widthFactor = c.Choose(1.0, 2.0);

        var channels = c.Width();
        var stem = c.Builder.Conv(c.Builder.Input, "stem.0", channels, c.Choose(3, 5), stride: c.Chance(0.4) ? 2 : 1);
        stem = c.Norm(stem, "stem.1");

        var (previousPrevious, previous) = (stem, stem);
        var reductions = new HashSet<int> { cellCount / 3, 2 * cellCount / 3 };
        for (var i = 0; i < cellCount; i++)
        {
            var reduction = i > 0 && reductions.Contains(i) && SamplingContext.CanReduce(previous);
            if (reduction)
            {
                channels = c.Widen(channels, widthFactor);
            }

            var output = Cell(c, $"cells.{i}", reduction ? reduce : normal, concat, previousPrevious, previous, channels, reduction);
            (previousPrevious, previous) = (previous, output);
        }

        return ClassifierHead.Append(c, previous);
    }

    private static Feature Cell(SamplingContext c, string prefix, (CellOp Op, int Input)[] genotype, int[] concat, Feature s0, Feature s1, int channels, bool reduction)
    {
        // After a reduction cell s0 is twice as large as s1; a strided 1×1 conv stands in for DARTS's FactorizedReduce.
        List<Feature> states =
        [
            Preprocess(c, $"{prefix}.preprocess0", s0, channels, s0.Height > s1.Height ? 2 : 1),
            Preprocess(c, $"{prefix}.preprocess1", s1, channels, 1),
        ];

        for (var step = 0; step < genotype.Length / 2; step++)
        {
            var branches = Enumerable.Range(2 * step, 2).Select(k =>
            {
                var (op, input) = genotype[k];
                return Apply(c, op, states[input], $"{prefix}.ops.{k}", channels, reduction && input < 2 ? 2 : 1);
            }).ToArray();
            states.Add(c.Builder.Sum(branches));
        }

        return c.Builder.Concat(concat.Select(s => states[s]).ToArray());
    }

    /// <summary>ReLU → 1×1 conv → BN (DARTS's ReLUConvBN), or nothing when sizes already match and the draw says so.</summary>
    private static Feature Preprocess(SamplingContext c, string module, Feature x, int channels, int stride)
    {
        if (x.Channels == channels && stride == 1 && c.Chance(0.3))
        {
            return x;
        }

        return ReluConvNorm(c, module, x, channels, 1, stride);
    }

    private static Feature Apply(SamplingContext c, CellOp op, Feature x, string module, int channels, int stride)
    {
        var b = c.Builder;
        return op switch
        {
            CellOp.Conv1x1 => ReluConvNorm(c, module, x, channels, 1, stride),
            CellOp.Conv3x3 => ReluConvNorm(c, module, x, channels, 3, stride),
            CellOp.Conv5x5 => ReluConvNorm(c, module, x, channels, 5, stride),
            CellOp.SepConv3x3 => SeparableConv(c, module, x, channels, 3, stride),
            CellOp.SepConv5x5 => SeparableConv(c, module, x, channels, 5, stride),
            CellOp.DilConv3x3 => DilatedConv(c, module, x, channels, 3, stride),
            CellOp.DilConv5x5 => DilatedConv(c, module, x, channels, 5, stride),
            CellOp.MaxPool3x3 => b.MaxPool(x, module, 3, stride, 1),
            CellOp.AvgPool3x3 => b.AvgPool(x, module, 3, stride, 1),
            CellOp.Skip when stride == 1 => x,
            CellOp.Skip => ReluConvNorm(c, module, x, channels, 1, stride),
            CellOp.SqueezeExcitation => c.SqueezeExcitation(x, module, channels / 2, hardGate: false),
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
        };
    }

    private static Feature ReluConvNorm(SamplingContext c, string module, Feature x, int channels, int kernel, int stride)
    {
        x = c.Builder.Activate(x, c.Activation, $"{module}.op.0");
        x = c.Builder.Conv(x, $"{module}.op.1", channels, kernel, stride);
        return c.Norm(x, $"{module}.op.2");
    }

    /// <summary>DARTS's separable conv: twice (ReLU, depthwise k×k, pointwise 1×1, BN); only the first depthwise conv strides.</summary>
    private static Feature SeparableConv(SamplingContext c, string module, Feature x, int channels, int kernel, int stride)
    {
        var b = c.Builder;
        var inChannels = x.Channels;
        x = b.Activate(x, c.Activation, $"{module}.op.0");
        x = b.Conv(x, $"{module}.op.1", inChannels, kernel, stride, groups: inChannels);
        x = b.Conv(x, $"{module}.op.2", inChannels, 1);
        x = c.Norm(x, $"{module}.op.3");
        x = b.Activate(x, c.Activation, $"{module}.op.4");
        x = b.Conv(x, $"{module}.op.5", inChannels, kernel, groups: inChannels);
        x = b.Conv(x, $"{module}.op.6", channels, 1);
        return c.Norm(x, $"{module}.op.7");
    }

    /// <summary>DARTS's dilated conv: ReLU, depthwise k×k with dilation 2, pointwise 1×1, BN.</summary>
    private static Feature DilatedConv(SamplingContext c, string module, Feature x, int channels, int kernel, int stride)
    {
        var b = c.Builder;
        x = b.Activate(x, c.Activation, $"{module}.op.0");
        x = b.Conv(x, $"{module}.op.1", x.Channels, kernel, stride, dilation: 2, groups: x.Channels);
        x = b.Conv(x, $"{module}.op.2", channels, 1);
        return c.Norm(x, $"{module}.op.3");
    }

    /// <summary>
    /// Two (op, input state) pairs per step; each step reads two distinct earlier states. As in DeepNets-1M,
    /// half of the reduction cells use only pooling and skips, a cell has at most one 5×5 conv and one
    /// squeeze-and-excitation (both are costly or unstable in numbers), squeeze-and-excitation never strides,
    /// and a normal cell has at least one learnable op.
    /// </summary>
    private static (CellOp Op, int Input)[] SampleGenotype(SamplingContext c, int steps, bool reduction)
    {
        var ops = reduction && c.Chance(0.5) ? PoolOps : AllOps;
        while (true)
        {
            var genotype = new List<(CellOp, int)>();
            for (var step = 0; step < steps; step++)
            {
                var first = c.Random.Next(step + 2);
                var second = (first + 1 + c.Random.Next(step + 1)) % (step + 2);
                genotype.Add((c.Choose(ops), first));
                genotype.Add((c.Choose(ops), second));
            }

            var acceptable =
                genotype.Count(g => g.Item1 is CellOp.Conv5x5) <= 1
                && genotype.Count(g => g.Item1 is CellOp.SqueezeExcitation) <= 1
                && !(reduction && genotype.Any(g => g.Item1 is CellOp.SqueezeExcitation && g.Item2 < 2))
                && (reduction || genotype.Any(g => g.Item1 is not (CellOp.MaxPool3x3 or CellOp.AvgPool3x3 or CellOp.Skip or CellOp.SqueezeExcitation)));
            if (acceptable)
            {
                return genotype.ToArray();
            }
        }
    }
}
