using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A small U-Net classifier: an encoder of convolution blocks with GroupNorm and InstanceNorm, a decoder that
/// upsamples with <c>ConvTranspose2d</c>, <c>Upsample</c> and <c>interpolate</c>, pads and concatenates the skip
/// connections (<c>cat</c>), and a head with <c>Dropout2d</c>, adaptive max pooling, Mish, Softplus and
/// <c>LogSoftmax</c>. Sizes come from the input shape given to <c>[GhnInit]</c>.
/// </summary>
[Ghn.GhnInit(InputShape = new[] { 1, 28, 28 })]
public sealed partial class UNetSmall : Module<Tensor, Tensor>
{
    private readonly Sequential down1;
    private readonly Sequential down2;
    private readonly MaxPool2d pool;
    private readonly ConvTranspose2d up1;
    private readonly Upsample up2;
    private readonly Sequential fuse1;
    private readonly Sequential fuse2;
    private readonly ZeroPad2d pad;
    private readonly Dropout2d dropout;
    private readonly AdaptiveMaxPool2d gather;
    private readonly Linear head;
    private readonly LogSoftmax logSoftmax;

    public UNetSmall(int numClasses = 10, int width = 8) : base(nameof(UNetSmall))
    {
        down1 = Sequential(Conv2d(1, width, kernel_size: 3, padding: 1), GroupNorm(2, width), Mish());
        down2 = Sequential(Conv2d(width, 2 * width, kernel_size: 3, padding: 1), InstanceNorm2d(2 * width, affine: true), ReLU());
        pool = MaxPool2d(2);
        up1 = ConvTranspose2d(2 * width, width, kernel_size: 2, stride: 2);
        up2 = Upsample(scale_factor: [2.0, 2.0], mode: UpsampleMode.Nearest);
        fuse1 = Sequential(Conv2d(3 * width, width, kernel_size: 3, padding: 1), Softplus(beta: 2));
        fuse2 = Sequential(Conv2d(width + 2 * width, width, kernel_size: 1), GroupNorm(4, width, affine: false));
        pad = ZeroPad2d(1);
        dropout = Dropout2d(0.25);
        gather = AdaptiveMaxPool2d([2, 2]);
        head = Linear(width * 4, numClasses);
        logSoftmax = LogSoftmax(1);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var skip1 = down1.forward(x);                       // 28×28
        var skip2 = down2.forward(pool.forward(skip1));     // 14×14
        var bottom = pool.forward(skip2);                   // 7×7
        var decoded = fuse1.forward(cat([up1.forward(bottom), skip2], 1));
        var upsampled = up2.forward(decoded);               // 28×28
        var resized = functional.interpolate(skip2, size: [28, 28], mode: InterpolationMode.Bilinear, align_corners: false);
        var fused = fuse2.forward(cat([upsampled, resized], dim: 1)) + skip1;
        var padded = pad.forward(dropout.forward(fused));   // 30×30
        var pooled = gather.forward(functional.pad(padded, [0, 2, 0, 2], value: 0.5)).flatten(1);
        return logSoftmax.forward(head.forward(pooled));
    }
}
