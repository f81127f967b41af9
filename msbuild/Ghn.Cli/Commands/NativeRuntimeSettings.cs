using System.Runtime.InteropServices;

namespace Ghn.Cli.Commands;

/// <summary>
/// Process-wide native settings for commands that run the GHN repeatedly on shared, small machines
/// (measured on a 2-core VM that other builds keep busy). Must be applied before the first TorchSharp call.
/// </summary>
internal static class NativeRuntimeSettings
{
    private const int TrimThreshold = -1;   // M_TRIM_THRESHOLD
    private const int MmapThreshold = -3;   // M_MMAP_THRESHOLD

    // glibc's largest mmap threshold on 64-bit systems.
    private const int LargestMmapThreshold = 32 * 1024 * 1024;

    private const string OmpWaitPolicy = "OMP_WAIT_POLICY";

    /// <summary>A one-line description of what <see cref="Apply"/> set, for benchmark output.</summary>
    public static string Description { get; private set; } = "defaults";

    /// <summary>
    /// 1. Keeps freed memory in the process. A prediction returns tens of megabytes of fresh tensors (45 MB for
    /// resnet18); by default glibc serves such blocks with mmap and returns them on free, so each prediction
    /// page-faults all of them in again, which on VMs with free-page reporting cost more than the prediction
    /// (resnet18: 185 of 190 ms CPU).
    /// 2. Makes LibTorch's OpenMP threads sleep rather than spin while waiting (unless <c>OMP_WAIT_POLICY</c> is
    /// set): with more runnable processes than cores, a spinning thread burns the time slice its partner needs,
    /// and two threads became slower than one (resnet18: 1.6 s instead of 22 ms at load 25 on 2 cores).
    /// 3. Runs convolutions with LibTorch's im2col kernels, whose results are finite and repeatable on every CPU
    /// measured (see <see cref="CpuConvolutionKernels"/>).
    /// </summary>
    public static void Apply()
    {
        if (OperatingSystem.IsLinux())
        {
            ApplyGlibcSettings();
        }

        if (CpuConvolutionKernels.UseIm2ColKernels())
        {
            Description += ", im2col convolutions";
        }
    }

    private static void ApplyGlibcSettings()
    {
        try
        {
            MallOpt(MmapThreshold, LargestMmapThreshold);
            MallOpt(TrimThreshold, int.MaxValue);
            var waitPolicy = Environment.GetEnvironmentVariable(OmpWaitPolicy);
            if (waitPolicy is null)
            {
                // The native environment, which libgomp reads when LibTorch loads it (Environment.SetEnvironmentVariable
                // only changes .NET's copy).
                waitPolicy = "PASSIVE";
                SetEnv(OmpWaitPolicy, waitPolicy, 0);
            }

            Description = $"glibc keeps freed memory, {OmpWaitPolicy}={waitPolicy}";
        }
        catch (EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl): no such knobs; predictions are just slower.
        }
    }

    // DllImport rather than LibraryImport: the latter would need unsafe code enabled for the whole CLI.
    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv([MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string value, int overwrite);
}
