using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Ghn.Tests.Native;

public sealed class CpuConvolutionKernelsTests
{
    [Fact]
    public void Switch_is_available_in_the_LibTorch_we_ship()
    {
        Assert.True(CpuConvolutionKernels.UseIm2ColKernels());
        Assert.True(CpuConvolutionKernels.UseIm2ColKernels());
    }

    /// <summary>
    /// The case that failed with oneDNN on AMD Zen 5: an 8-channel convolution's input gradient was non-finite in
    /// 35 of 200 identical runs and took two different values among the finite ones.
    /// </summary>
    [Fact]
    public void Convolution_gradients_are_finite_and_repeatable()
    {
        Assert.True(CpuConvolutionKernels.UseIm2ColKernels());
        var results = new HashSet<string>();
        for (var run = 0; run < 40; run++)
        {
            using var scope = NewDisposeScope();
            using var generator = new Generator(7);
            var input = new Parameter(randn([64, 8, 14, 14], generator: generator));
            var weight = new Parameter(randn([8, 8, 3, 3], generator: generator).mul(0.1));
            var output = F.conv2d(input, weight, null, [1L, 1], [1L, 1], [1L, 1], 1);
            output.mul(randn(output.shape, generator: generator)).sum().backward();

            Assert.True(input.grad!.isfinite().all().item<bool>(), $"run {run}: non-finite input gradient");
            Assert.True(weight.grad!.isfinite().all().item<bool>(), $"run {run}: non-finite weight gradient");
            results.Add($"{output.abs().sum().item<float>():R}/{input.grad!.abs().sum().item<float>():R}/{weight.grad!.abs().sum().item<float>():R}");
        }

        Assert.Single(results);
    }
}
