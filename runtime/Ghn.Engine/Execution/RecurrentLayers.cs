using Ghn.Graphs;
using TorchSharp;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// Runs an <see cref="OpKind.Rnn"/> node: TorchSharp has no functional LSTM or GRU, so the kernel keeps a module of the
/// node's configuration and runs it with the graph's tensors (by TorchSharp's names under the node's module). The
/// weights are copied in, not differentiated through: the GHN does not predict recurrent weights.
/// </summary>
internal static class RecurrentLayers
{
    public static Kernel Kernel(OpNode node)
    {
        var mode = node.Attribute("mode").AsString();
        var (inputSize, hidden, layers) = (node.Attribute("input_size").AsInt(), node.Attribute("hidden_size").AsInt(), node.Attribute("num_layers").AsInt());
        var (bias, batchFirst, bidirectional) = (node.Attribute("bias").AsBool(), node.Attribute("batch_first").AsBool(), node.Attribute("bidirectional").AsBool());
        var dropout = node.Attribute("dropout").AsDouble();
        var result = node.Attribute("result").AsInt();
        nn.Module module = mode switch
        {
            "lstm" => nn.LSTM(inputSize, hidden, layers, bias, batchFirst, dropout, bidirectional),
            "gru" => nn.GRU(inputSize, hidden, layers, bias, batchFirst, dropout, bidirectional),
            "rnn_tanh" or "rnn_relu" => nn.RNN(inputSize, hidden, layers, mode == "rnn_tanh" ? nn.NonLinearities.Tanh : nn.NonLinearities.ReLU, bias, batchFirst, dropout, bidirectional),
            _ => throw new ArgumentException($"Node {node}: recurrent mode '{mode}' is not lstm, gru, rnn_tanh or rnn_relu.", nameof(node)),
        };
        var prefix = string.IsNullOrEmpty(node.Module) ? "" : node.Module + ".";
        return (x, t, training) =>
        {
            using (no_grad())
            {
                module.to(x[0].device);
                foreach (var (name, parameter) in module.named_parameters())
                {
                    parameter.copy_(t.Named(prefix + name));
                }
            }

            module.train(training);
            // The inputs after the sequence are the initial state: h₀, and c₀ for an LSTM.
            var h0 = x.Length > 1 ? x[1] : null;
            return module switch
            {
                TorchSharp.Modules.LSTM lstm => Pick(lstm.call(x[0], x.Length > 2 ? (x[1], x[2]) : null), result),
                TorchSharp.Modules.GRU gru => Pick(gru.call(x[0], h0), result),
                _ => Pick(((TorchSharp.Modules.RNN)module).call(x[0], h0), result),
            };
        };
    }

    private static Tensor Pick((Tensor Output, Tensor Hidden, Tensor Cell) results, int result) =>
        result switch { 0 => results.Output, 1 => results.Hidden, _ => results.Cell };

    private static Tensor Pick((Tensor Output, Tensor Hidden) results, int result) => result == 0 ? results.Output : results.Hidden;
}
