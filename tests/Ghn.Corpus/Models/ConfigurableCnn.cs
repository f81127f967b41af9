using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A CNN configured the way library models take their options: nullable sizes (<c>int?</c> with <c>??=</c>,
/// <c>HasValue</c>, <c>GetValueOrDefault</c>, lifted arithmetic), a width multiplier rounded with <c>Math</c> as
/// TorchVision's <c>_make_divisible</c> does, and a layer specification parsed from a string with the string
/// members of the BCL (<c>Split</c>, <c>Trim</c>, <c>ToLowerInvariant</c>, <c>StartsWith</c>, <c>Convert</c>).
/// </summary>
[Ghn.GhnInit]
public sealed partial class ConfigurableCnn : Module<Tensor, Tensor>
{
    private readonly Sequential features;
    private readonly Linear classifier;

    public ConfigurableCnn(
        int numClasses = 10,
        double widthMultiplier = 0.75,
        int? roundNearest = null,
        int? hidden = 48,
        string layers = " Conv:16, conv:24 ,Pool, CONV:40 ",
        string? activation = null)
        : base(nameof(ConfigurableCnn))
    {
        roundNearest ??= 8;
        var modules = new List<Module<Tensor, Tensor>>();
        var channels = 1;
        foreach (var token in layers.Split(','))
        {
            var item = token.Trim().ToLowerInvariant();
            if (item.StartsWith("pool", StringComparison.Ordinal))
            {
                modules.Add(MaxPool2d(2));
                continue;
            }

            var width = MakeDivisible(Convert.ToInt32(item.Substring(item.IndexOf(':') + 1)) * widthMultiplier, roundNearest.Value);
            modules.Add(Conv2d(channels, width, kernel_size: 3, padding: 1, bias: false));
            modules.Add(BatchNorm2d(width));
            modules.Add(string.IsNullOrEmpty(activation) || activation.Equals("relu", StringComparison.OrdinalIgnoreCase) ? ReLU() : SiLU());
            channels = width;
        }

        var extra = hidden.HasValue ? hidden * 2 - hidden : null;
        modules.Add(Conv2d(channels, extra.GetValueOrDefault(channels), kernel_size: 1));
        features = Sequential(modules);
        classifier = Linear(checked((int)Math.Round(extra.GetValueOrDefault(channels) * 1.0)), numClasses);
        RegisterComponents();
    }

    /// <summary>TorchVision's <c>_make_divisible</c>: round to a multiple of the divisor, never below 90 % of the value.</summary>
    private static int MakeDivisible(double value, int divisor, int? minValue = null)
    {
        minValue ??= divisor;
        var rounded = Math.Max(minValue.Value, (int)(value + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * value ? rounded + divisor : rounded;
    }

    public override Tensor forward(Tensor x) =>
        classifier.forward(functional.adaptive_avg_pool2d(features.forward(x), 1).flatten(1));
}
