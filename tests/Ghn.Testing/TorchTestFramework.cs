using TorchSharp;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Ghn.Testing;

/// <summary>
/// xunit's test framework with process-wide TorchSharp settings applied before any test runs. A test project that
/// uses TorchSharp selects it with <c>&lt;GhnTorchTests&gt;true&lt;/GhnTorchTests&gt;</c> (tests/Directory.Build.targets),
/// which also runs its test classes one at a time.
/// </summary>
public sealed class TorchTestFramework : XunitTestFramework
{
    /// <summary>Applies the settings; xunit constructs the framework once per test process.</summary>
    public TorchTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
        // The test projects run as parallel processes on 2-core machines: a second OpenMP thread per process only
        // spins against the other processes (a sampled-graph test class took 90 s instead of 5 s under load).
        torch.set_num_threads(1);

        // oneDNN's float32 convolutions give non-finite, unrepeatable results on some CPUs (see the type's remarks).
        CpuConvolutionKernels.UseIm2ColKernels();
    }
}
