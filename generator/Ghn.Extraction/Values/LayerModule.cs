using Ghn.Extraction.Modules;

namespace Ghn.Extraction.Values;

/// <summary>A TorchSharp layer (Conv2d, ReLU, ...): one graph op with its attributes and tensors.</summary>
internal sealed class LayerModule(string factory, LayerSpec spec) : ModuleInstance
{
    public LayerSpec Spec { get; } = spec;

    public override string Description { get; } = factory;
}
