using Ghn.Training.Training;

namespace Ghn.Training.Tests.Training;

public sealed class CosineScheduleTests
{
    private static readonly MetaTrainingOptions Options = new() { LearningRate = 1e-3, WarmupSteps = 10, WarmupStartFactor = 0.01, TotalSteps = 110 };

    [Fact]
    public void Warms_up_linearly_then_decays_to_zero()
    {
        var schedule = new CosineSchedule(Options);

        Assert.Equal(1e-5, schedule.At(0), 12);
        Assert.Equal(1e-3 * (0.01 + (0.99 * 0.5)), schedule.At(5), 12);
        Assert.Equal(1e-3, schedule.At(10), 12);
        Assert.Equal(0.5e-3, schedule.At(60), 12);
        Assert.Equal(0, schedule.At(110), 12);
        Assert.Equal(0, schedule.At(500), 12);
    }
}
