using Ghn.Graphs;

namespace Ghn.Runtime.Tests.Execution;

public sealed class KernelCatalogueTests
{
    [Fact]
    public void Every_op_kind_but_the_input_has_a_kernel()
    {
        // An input's value is given to the executor, not computed.
        var computed = Enum.GetValues<OpKind>().Where(k => k != OpKind.Input);
        Assert.Equal(computed.Order(), OpKernels.Kinds.Order());
    }
}
