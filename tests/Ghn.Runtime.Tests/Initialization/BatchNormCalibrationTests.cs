using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Initialization;

public sealed class BatchNormCalibrationTests
{
    [Fact]
    public void Running_statistics_become_the_average_over_the_batches_and_the_model_is_left_as_it_was()
    {
        using var scope = NewDisposeScope();
        var norm = nn.BatchNorm1d(3, momentum: 0.3);
        var model = nn.Sequential(("norm", norm), ("drop", nn.Dropout(0.5)));
        model.train();
        var weightBefore = norm.weight.clone();
        var first = tensor(new float[] { 1, 2, 3, 3, 6, 9 }, [2, 3]);
        var second = tensor(new float[] { 0, 0, 0, 2, 4, 4, 4, 8, 8 }, [3, 3]);

        var calibrated = BatchNormCalibration.Recalibrate(model, [first, second]);

        Assert.Equal(1, calibrated);
        var expectedMean = (first.mean([0]) + second.mean([0])) / 2;
        var expectedVariance = (first.var(0, unbiased: true) + second.var(0, unbiased: true)) / 2;
        Assert.True(norm.running_mean!.allclose(expectedMean), $"running mean {Values(norm.running_mean)}, expected {Values(expectedMean)}");
        Assert.True(norm.running_var!.allclose(expectedVariance), $"running variance {Values(norm.running_var)}, expected {Values(expectedVariance)}");
        Assert.Equal(2, norm.num_batches_tracked!.item<long>());
        Assert.Equal(0.3, norm.momentum);
        Assert.True(model.training);
        Assert.Equal(Values(weightBefore), Values(norm.weight));
    }

    private static string Values(Tensor tensor) => string.Join(", ", tensor.data<float>().ToArray());

    [Fact]
    public void A_model_without_BatchNorm_is_left_alone()
    {
        using var scope = NewDisposeScope();
        var model = nn.Sequential(nn.Linear(3, 2));
        model.eval();

        Assert.Equal(0, BatchNormCalibration.Recalibrate(model, [ones(4, 3)]));
        Assert.False(model.training);
    }
}
