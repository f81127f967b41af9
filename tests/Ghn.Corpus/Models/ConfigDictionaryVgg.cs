using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Ghn.Corpus.Models;

/// <summary>
/// A VGG chosen by name from a configuration dictionary, as TorchSharp's Examples and TorchVision write it
/// (<c>Dictionary&lt;string, long[]&gt;</c> with a collection initializer, <c>TryGetValue</c>, <c>ContainsKey</c>,
/// the indexer), a <c>HashSet</c> of layers without BatchNorm, an initialisation loop that tells the last layer
/// apart with <c>object.ReferenceEquals</c>, and a forward in a dispose scope that moves its result out.
/// </summary>
[Ghn.GhnInit("VGG-S")]
public sealed partial class ConfigDictionaryVgg : Module<Tensor, Tensor>
{
    private static readonly Dictionary<string, long[]> Channels = new()
    {
        { "VGG-S", [16, 0, 32, 0, 64] },
        { "VGG-M", [16, 16, 0, 32, 32, 0, 64, 64] },
    };

    private readonly Sequential features;
    private readonly Linear classifier;

    public ConfigDictionaryVgg(string name, int numClasses = 10) : base(name)
    {
        if (!Channels.TryGetValue(name, out var channels) || !Channels.ContainsKey(name))
        {
            throw new ArgumentException($"Unknown VGG configuration '{name}'.", nameof(name));
        }

        var withoutNorm = new HashSet<int> { 0 };
        var widths = new Dictionary<int, long> { [0] = 0 };
        var layers = new List<Module<Tensor, Tensor>>();
        long inChannels = 1;
        for (var i = 0; i < channels.Length; i++)
        {
            if (channels[i] == 0)
            {
                layers.Add(MaxPool2d(kernel_size: 2, stride: 2));
                continue;
            }

            layers.Add(Conv2d(inChannels, channels[i], kernel_size: 3, padding: 1));
            if (!withoutNorm.Contains(i))
            {
                layers.Add(BatchNorm2d(channels[i]));
            }

            layers.Add(ReLU(inplace: true));
            widths[layers.Count] = channels[i];
            inChannels = channels[i];
        }

        features = Sequential(layers);
        classifier = Linear(widths[layers.Count], numClasses);
        RegisterComponents();

        foreach (var (_, module) in named_modules())
        {
            if (module is Linear linear)
            {
                init.normal_(linear.weight, 0, object.ReferenceEquals(module, classifier) ? 0.01 : 0.1);
            }
        }
    }

    public override Tensor forward(Tensor x)
    {
        using var scope = NewDisposeScope();
        var pooled = functional.adaptive_avg_pool2d(features.forward(x), 1).flatten(1);
        var logits = classifier.forward(pooled);
        scope.MoveToOuter(logits);
        return logits;
    }
}
