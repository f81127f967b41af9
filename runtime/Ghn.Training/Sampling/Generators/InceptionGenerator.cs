using Ghn.Training.Sampling.Building;

namespace Ghn.Training.Sampling.Generators;

/// <summary>
/// Inception-style networks: blocks of two to four parallel branches over one input, concatenated along channels,
/// then either the activation (GoogLeNet's modules) or a fusing conv, sometimes with squeeze-and-excitation.
/// Branches are 1×1 convs, 1×1 reductions into 3×3 or 5×5 convs, pooling into a 1×1 conv, a conv into stride-1
/// average pooling, or a dilated depthwise conv; hand-written branches are often BN-free with biases even where the
/// rest of the network uses BatchNorm, so they are here too.
/// </summary>
internal sealed class InceptionGenerator : IArchitectureGenerator
{
    private enum Branch
    {
        Pointwise,
        Reduce3x3,
        Reduce5x5,
        PoolProject,
        ConvAvgPool,
        DilatedDepthwise,
    }

    private static readonly Branch[] Branches = Enum.GetValues<Branch>();

    public string Name => "inception";

    public Feature Build(SamplingContext c)
    {
        var b = c.Builder;
        var stem = new SequentialNames("stem");
        var x = c.ConvNormAct(b.Input, stem, c.Width(), 3);
        if (c.Chance(0.7))
        {
            x = b.MaxPool(x, stem.Next(), 2, 2);
        }

        var blocks = c.Between(1, 4);
        for (var i = 0; i < blocks; i++)
        {
            x = Block(c, x, $"blocks.{i}");
            if (i < blocks - 1 && SamplingContext.CanReduce(x) && c.Chance(0.5))
            {
                x = b.MaxPool(x, $"blocks.{i}.pool", 2, 2);
            }
        }

        return ClassifierHead.Append(c, x);
    }

    private static Feature Block(SamplingContext c, Feature x, string prefix)
    {
        var branchNorm = c.UseBatchNorm && c.Chance(0.5);
        var branchWidth = c.Widen(x.Channels, c.Choose(0.5, 1.0, 1.5));
        var kinds = Branches.OrderBy(_ => c.Random.Next()).Take(c.Between(2, 4));
        var outputs = kinds.Select((kind, j) => BranchOutput(c, x, new SequentialNames($"{prefix}.branch{j}"), kind, branchWidth, branchNorm)).ToArray();
        var merged = c.Builder.Concat(outputs);
        if (c.Chance(0.5))
        {
            return c.Act(merged);
        }

        var fuse = new SequentialNames($"{prefix}.fuse");
        merged = c.ConvNormAct(merged, fuse, c.Widen(merged.Channels, c.Choose(1.0, 1.5)), c.Choose(1, 3));
        return c.Chance(0.3) ? c.SqueezeExcitation(merged, $"{prefix}.se", merged.Channels / 8, hardGate: false) : merged;
    }

    private static Feature BranchOutput(SamplingContext c, Feature x, SequentialNames names, Branch kind, int width, bool norm)
    {
        var b = c.Builder;
        switch (kind)
        {
            case Branch.Pointwise:
                return Conv(c, x, names, width, 1, norm);
            case Branch.Reduce3x3:
            case Branch.Reduce5x5:
                x = c.Act(b.Conv(x, names.Next(), Math.Max(4, width / 2), 1, bias: true), names.Next());
                return Conv(c, x, names, width, kind == Branch.Reduce3x3 ? 3 : 5, norm);
            case Branch.PoolProject:
                x = b.MaxPool(x, names.Next(), 3, 1, padding: 1);
                return Conv(c, x, names, width, 1, norm);
            case Branch.ConvAvgPool:
                x = Conv(c, x, names, width, c.Choose(3, 5), norm);
                return b.AvgPool(x, names.Next(), 3, 1, padding: 1);
            case Branch.DilatedDepthwise:
                return b.Conv(x, names.Next(), x.Channels, 3, dilation: 2, groups: x.Channels);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>A branch's conv: BatchNorm after it when the block normalises its branches, otherwise a bias.</summary>
    private static Feature Conv(SamplingContext c, Feature x, SequentialNames names, int width, int kernel, bool norm)
    {
        x = c.Builder.Conv(x, names.Next(), width, kernel, bias: !norm);
        return norm ? c.Builder.BatchNorm(x, names.Next()) : x;
    }
}
