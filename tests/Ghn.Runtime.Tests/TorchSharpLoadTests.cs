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
}
