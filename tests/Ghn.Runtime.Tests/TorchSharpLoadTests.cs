using TorchSharp;

namespace Ghn.Runtime.Tests;

public sealed class TorchSharpLoadTests
{
    [Fact]
    public void Native_library_loads_and_computes()
    {
        using var x = torch.ones(2, 3);
        Assert.Equal(6.0f, x.sum().item<float>());
    }

    [Fact]
    public void The_test_framework_applied_the_test_settings_before_any_test()
    {
        // Ghn.Testing.TorchTestFramework sets one thread; LibTorch's default is one per core.
        Assert.Equal(1, torch.get_num_threads());
    }
}
