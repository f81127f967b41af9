using System.Runtime.CompilerServices;
using TorchSharp;

// Tests that seed TorchSharp's global generator or compare bit-identical runs must not interleave with other
// test classes in the same process; test projects still run in parallel with each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Ghn.Tests;

/// <summary>Process-wide TorchSharp settings for test assemblies, applied before any test runs.</summary>
internal static class TorchTestEnvironment
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        // The test projects run as parallel processes on 2-core machines: a second OpenMP thread per process only
        // spins against the other processes (a sampled-graph test class took 90 s instead of 5 s under load).
        torch.set_num_threads(1);

        // oneDNN's float32 convolutions give non-finite, unrepeatable results on some CPUs (see the type's remarks).
        Ghn.CpuConvolutionKernels.UseIm2ColKernels();
    }
}
