using static TorchSharp.torch;

namespace Ghn;

/// <summary>Where the hypernetwork runs.</summary>
public enum GhnDevice
{
    /// <summary>CUDA when <c>torch.cuda.is_available()</c>, otherwise the CPU.</summary>
    Auto,

    /// <summary>The CPU (deterministic: equal inputs give bit-identical outputs).</summary>
    Cpu,

    /// <summary>The first CUDA device; fails if there is none.</summary>
    Cuda,
}

/// <summary>Resolves <see cref="GhnDevice"/> to a TorchSharp device.</summary>
public static class GhnDevices
{
    /// <summary>The TorchSharp device for <paramref name="device"/>.</summary>
    /// <exception cref="InvalidOperationException"><see cref="GhnDevice.Cuda"/> was asked for but CUDA is not available.</exception>
    public static Device Resolve(this GhnDevice device) => device switch
    {
        GhnDevice.Cpu => CPU,
        GhnDevice.Cuda when cuda.is_available() => CUDA,
        GhnDevice.Cuda => throw new InvalidOperationException("--device cuda was requested but CUDA is not available (no GPU, or a CPU-only LibTorch); use auto or cpu."),
        _ => cuda.is_available() ? CUDA : CPU,
    };

    /// <summary>Parses <c>auto</c>, <c>cpu</c> or <c>cuda</c> (case-insensitive).</summary>
    public static bool TryParse(string text, out GhnDevice device) =>
        Enum.TryParse(text, ignoreCase: true, out device) && Enum.IsDefined(device);
}
