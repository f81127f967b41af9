using TorchSharp;

namespace Ghn.Runtime.Tests;

public sealed class TorchSharpLoadTests
{
    [Fact]
    public void NativeLibraryLoadsAndComputes()
    {
        using var x = torch.ones(2, 3);
        Assert.Equal(6.0f, x.sum().item<float>());
    }
}
