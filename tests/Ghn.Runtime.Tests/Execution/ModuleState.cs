using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Execution;

internal static class ModuleState
{
    /// <summary>A module's parameters and, optionally, buffers by name: what the executor is given.</summary>
    public static Dictionary<string, Tensor> Tensors(nn.Module module, bool withBuffers = true)
    {
        var tensors = module.named_parameters().ToDictionary(p => p.name, p => (Tensor)p.parameter);
        if (withBuffers)
        {
            foreach (var (name, buffer) in module.named_buffers())
            {
                tensors.Add(name, buffer);
            }
        }

        return tensors;
    }

    public static void AssertClose(Tensor expected, Tensor actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.shape, actual.shape);
        var difference = (expected - actual).abs().max().item<float>();
        Assert.True(difference <= tolerance, $"max |expected - actual| = {difference} > {tolerance}");
    }
}
