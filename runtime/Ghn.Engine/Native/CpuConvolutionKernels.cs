using System.Runtime.InteropServices;
using TorchSharp;

namespace Ghn;

/// <summary>
/// Selects which of LibTorch's CPU kernels run convolutions in this process.
/// </summary>
/// <remarks>
/// LibTorch 2.10's oneDNN (MKLDNN) convolutions give non-finite or run-to-run different float32 results on AMD
/// EPYC (Zen 5, AVX-512) CPUs when channel counts are not multiples of 16: measured on an 8→8 channel 3×3 conv,
/// batch 64, the input gradient was non-finite in 35 of 200 identical runs, and a 20-channel forward was
/// non-finite once in 100. LibTorch's own im2col kernels gave identical, finite results in every run, at up to
/// 1.6× the time for wide layers. Meta-training samples arbitrary widths, so one bad step in a few poisons the
/// hypernetwork. TorchSharp does not expose the switch (<c>torch.backends.mkldnn.enabled</c> in PyTorch), so this
/// calls the exported <c>at::Context</c> setters of <c>libtorch_cpu</c> directly.
/// </remarks>
public static class CpuConvolutionKernels
{
    private const string LibTorchCpu = "libtorch_cpu.so";
    private const string GlobalContext = "_ZN2at13globalContextEv";
    private const string SetUserEnabledMkldnn = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private const string SetUserEnabledNnpack = "_ZN2at7Context20setUserEnabledNNPACKEb";

    private static readonly object Gate = new();
    private static bool applied;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate IntPtr GlobalContextFunction();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate void SetFlagFunction(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool enabled);

    /// <summary>
    /// Makes LibTorch run CPU convolutions with its own im2col kernels instead of oneDNN (and skips NNPACK, which
    /// LibTorch otherwise probes, and warns about, on every convolution when oneDNN is off). Idempotent; affects the
    /// whole process, including the user's own TorchSharp modules.
    /// </summary>
    /// <returns>
    /// <see langword="true"/> when the switch was applied; <see langword="false"/> when this LibTorch does not
    /// export it (a different LibTorch build or platform), in which case nothing changed.
    /// </returns>
    public static bool UseIm2ColKernels()
    {
        lock (Gate)
        {
            if (applied)
            {
                return true;
            }

            torch.InitializeDeviceType(DeviceType.CPU);
            if (!NativeLibrary.TryLoad(LibTorchCpu, out var library)
                || !NativeLibrary.TryGetExport(library, GlobalContext, out var globalContext)
                || !NativeLibrary.TryGetExport(library, SetUserEnabledMkldnn, out var setMkldnn)
                || !NativeLibrary.TryGetExport(library, SetUserEnabledNnpack, out var setNnpack))
            {
                return false;
            }

            var context = Marshal.GetDelegateForFunctionPointer<GlobalContextFunction>(globalContext)();
            Marshal.GetDelegateForFunctionPointer<SetFlagFunction>(setMkldnn)(context, false);
            Marshal.GetDelegateForFunctionPointer<SetFlagFunction>(setNnpack)(context, false);
            applied = true;
            return true;
        }
    }
}
