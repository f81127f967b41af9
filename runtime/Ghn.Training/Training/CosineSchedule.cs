namespace Ghn.Training.Training;

/// <summary>
/// The learning rate at each step: linear warm-up, then a cosine decay to zero at the last step (the
/// reference's <c>cosine-warmup</c>, per step instead of per epoch). A pure function of the step, so a resumed
/// run needs only the step number.
/// </summary>
internal sealed class CosineSchedule(MetaTrainingOptions options)
{
    public double At(long step)
    {
        var peak = options.LearningRate;
        if (step < options.WarmupSteps)
        {
            var start = peak * options.WarmupStartFactor;
            return start + ((peak - start) * step / options.WarmupSteps);
        }

        var progress = Math.Min(1.0, (double)(step - options.WarmupSteps) / Math.Max(1, options.TotalSteps - options.WarmupSteps));
        return peak * 0.5 * (1 + Math.Cos(Math.PI * progress));
    }
}
