using Ghn.Extraction.Modules;

namespace Ghn.Extraction.Values;

/// <summary>A TorchSharp layer (Conv2d, ReLU, ...): one graph op with its attributes and tensors.</summary>
internal sealed class LayerModule(string factory, LayerSpec spec) : ModuleInstance
{
    private readonly Dictionary<string, ParameterValue> _sharedTensors = new(StringComparer.Ordinal);

    public LayerSpec Spec { get; } = spec;

    public override string Description { get; } = factory;

    /// <summary>The tensor this layer's <paramref name="role"/> is: its own, or another layer's it was set to (tied weights).</summary>
    public ParameterValue Tensor(string role) => _sharedTensors.TryGetValue(role, out var shared) ? shared : new ParameterValue(this, role);

    /// <summary><c>wte.weight = lm_head.weight</c>: from now on this layer's <paramref name="role"/> is <paramref name="tensor"/>.</summary>
    public void Share(string role, ParameterValue tensor) => _sharedTensors[role] = tensor;
}
