using Ghn.Graphs;
using static Ghn.Runtime.Tests.Execution.GraphBuilder;
using static Ghn.Runtime.Tests.Execution.ModuleState;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Execution;

public sealed class RecurrentTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void An_LSTM_started_from_a_state_made_in_forward_matches_the_module(int result)
    {
        using var scope = NewDisposeScope();
        using var lstm = nn.LSTM(3, 4, numLayers: 1, batchFirst: true);
        var x = randn(5, 6, 3);
        // h0 = full(1, x.size(0), 4, 0.5f), c0 = zeros_like(h0) + ...: sizes read off the input at run time.
        var builder = new GraphBuilder();
        var h0 = builder.Add(OpKind.Full, [0], [Attr("sizes", 1, -1, 4), Attr("reference_dims", -1, 0, -1), Attr("value", 0.5), Attr("dtype", "Float32")]);
        var c0 = builder.Add(OpKind.Full, [0], [Attr("sizes", 1, -1, 4), Attr("reference_dims", -1, 0, -1), Attr("value", -0.25), Attr("dtype", "Float32")]);
        (string, AttributeValue)[] attributes =
        [
            Attr("mode", "lstm"), Attr("input_size", 3), Attr("hidden_size", 4), Attr("num_layers", 1), Attr("bias", true),
            Attr("batch_first", true), Attr("bidirectional", false), Attr("dropout", 0.0), Attr("result", result),
        ];
        var parameters = lstm.named_parameters().Select(p => Spec(p.name, [.. p.parameter.shape.Select(d => (int)d)]));
        var graph = builder.Build(builder.Add(OpKind.Rnn, [0, h0, c0], attributes, parameters));

        var actual = new GraphExecutor(graph).Forward(x, Tensors(lstm), training: false);

        var expected = lstm.call(x, (full(1, 5, 4, 0.5f), full(1, 5, 4, -0.25f)));
        AssertClose(result == 1 ? expected.Item2 : expected.Item3, actual);
        Assert.False(actual.allclose(lstm.call(x).Item2), "The initial state made no difference.");
    }
}
