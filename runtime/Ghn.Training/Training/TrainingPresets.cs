namespace Ghn.Training.Training;

/// <summary>The named meta-training configurations.</summary>
public static class TrainingPresets
{
    /// <summary>
    /// The configuration of the shipped checkpoint's first four stages, for 2-core CPU machines (from stage 5 on it is
    /// trained with <see cref="FashionMnistWideLinear"/>).
    /// <list type="bullet">
    /// <item>GHN size: GHN-3-T's width and depth (hid 64, 3 layers, 8 heads, ~3.3 M parameters, ~13 MB). The sampled
    /// networks' forward and backward passes dominate a step, not the GHN (its decoder computes only the kernel
    /// positions and channels a tensor uses), so the larger GHN costs little time over the reference anchor's hid 32.</item>
    /// <item>max_shape 64×64×7×7: hand-written models are mostly 32–128 channels wide; with the anchor's 32 every
    /// 64-channel layer repeats its first 32 filters (tiling), which caps what a prediction can be. 7×7 covers the
    /// ResNet stem without interpolation.</item>
    /// <item>The <c>mixed</c> family: DARTS-style cells plus the styles people write (plain, VGG, ResNet with and
    /// without projections, SE, DenseNet, inverted residuals, MLPs, LeNet, ConvMixer, Inception); the anchor's
    /// DARTS-only sampler is why it reached 13% on hand-written models.</item>
    /// <item>Native 28×28 inputs (no padding to 32×32): the resolution the users' models see, and 23% fewer pixels.</item>
    /// <item>The reference's stabilisers: AdamW (lr 1e-3, weight decay 1e-2), warm-up then cosine, clipping at 5,
    /// predicted-parameter regularisation 3e-5, no label smoothing (the reference uses it for ImageNet only),
    /// updates with non-finite gradients skipped; meta-batch 4 of batch 64 like the anchor, BatchNorm in training mode.</item>
    /// </list>
    /// </summary>
    public static TrainingPreset FashionMnistDefault { get; } = new(
        "fmnist-default",
        "the shipped checkpoint's stages 1-4: GHN-3 hid 64, 3 layers, 8 heads, max_shape 64x64x7x7; mixed family, meta-batch 4 x 64 images, 3000 steps",
        new MetaTrainingOptions());

    /// <summary>
    /// The default preset with a low-rank decoder (<see cref="GhnDecoder.LowRank"/>, rank 32) and a max_shape of
    /// 256×1024×7×7, so that layers up to 256 outputs and 1,024 inputs (a flattened 28×28 image, a wide MLP) are
    /// predicted whole instead of tiled from a 64×64 block. Started from a conv-decoder GHN of the default preset
    /// (<c>--init-from</c>), it takes that GHN's graph network and learns its decoders afresh.
    /// </summary>
    public static TrainingPreset FashionMnistLowRank { get; } = new(
        "fmnist-low-rank",
        "fmnist-default with a low-rank decoder (rank 32) predicting tensors up to 256x1024x7x7 whole",
        new MetaTrainingOptions { Decoder = GhnDecoder.LowRank, Rank = 32, MaxShape = [256, 1024, 7, 7] });

    /// <summary>
    /// The default preset with the conv decoder's wide-linear option (<see cref="GhnDecoder.ConvWideLinear"/>): linear
    /// layers with more than 64 inputs (a flattened image, a flattened feature map) take their input weights from all 49
    /// decoded positions instead of repeating 64 columns. A default-preset GHN's weights carry over whole (<c>--init-from</c>).
    /// The shipped checkpoint is trained with it from stage 5 on.
    /// </summary>
    public static TrainingPreset FashionMnistWideLinear { get; } = new(
        "fmnist-wide-linear",
        "the shipped checkpoint from stage 5: fmnist-default with linear layers wider than 64 inputs read from all 7x7 decoded positions (decoder conv_wide_linear)",
        new MetaTrainingOptions { Decoder = GhnDecoder.ConvWideLinear });

    /// <summary>
    /// A small GHN and short schedule that shows within minutes that the loop learns (smoke tests, CI). The sampled
    /// networks' compute dominates a step, so what makes it fast is small batches (meta-batch 2 of 16 images) and a
    /// cheap validation; the higher learning rate with a short warm-up gets the GHN off chance level in few steps.
    /// </summary>
    public static TrainingPreset FashionMnistTiny { get; } = new(
        "fmnist-tiny",
        "smoke run: GHN-3 hid 32, 2 layers, 4 heads, max_shape 32x32x3x3; meta-batch 2 x 16 images, 150 steps",
        new MetaTrainingOptions
        {
            Hid = 32,
            Layers = 2,
            Heads = 4,
            MaxShape = [32, 32, 3, 3],
            MetaBatchSize = 2,
            BatchSize = 16,
            TotalSteps = 150,
            WarmupSteps = 5,
            LearningRate = 3e-3,
            ValidationArchitectures = 6,
            ValidationImages = 256,
            ValidationInterval = 20,
            CheckpointInterval = 20,
        });

    /// <summary>All presets.</summary>
    public static IReadOnlyList<TrainingPreset> All { get; } = [FashionMnistDefault, FashionMnistWideLinear, FashionMnistLowRank, FashionMnistTiny];

    /// <summary>The preset called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No preset has that name; the message lists them.</exception>
    public static TrainingPreset Get(string name) =>
        All.FirstOrDefault(p => p.Name == name)
        ?? throw new ArgumentException($"Unknown training preset '{name}'. Presets: {string.Join("; ", All.Select(p => $"{p.Name} ({p.Description})"))}.", nameof(name));
}
