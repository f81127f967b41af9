using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>
/// GHN-2's message passing (ppuda's <c>GatedGNN</c>, Knyazev et al. 2021, after Zhang, Ren, Urtasun 2019): nodes are
/// updated one at a time, in topological order and then in reverse (T = 1), each by a GRU cell from the sum of the
/// messages of its neighbours: an MLP of each 1-hop predecessor (successor, going back), and with virtual edges a
/// second MLP of every node within the cutoff, divided by its shortest-path distance. The graphs of a batch are
/// updated together, node index by node index.
/// </summary>
internal sealed class GatedGnn : nn.Module
{
    [ComponentName(Name = "mlp")]
    private readonly Mlp _mlp;

    [ComponentName(Name = "mlp_ve")]
    private readonly Mlp? _mlpVirtual;

    [ComponentName(Name = "gru")]
    private readonly GRUCell _gru;

    public GatedGnn(int hid, bool virtualEdges)
        : base("gnn")
    {
        // The reference halves the messages' hidden width when virtual edges share the work.
        _mlp = new Mlp(hid, virtualEdges ? hid / 2 : hid, hid, activateOutput: true);
        if (virtualEdges)
        {
            _mlpVirtual = new Mlp(hid, hid / 2, hid, activateOutput: true);
        }

        _gru = nn.GRUCell(hid, hid);
        RegisterComponents();
    }

    /// <summary>Updates node embeddings (B, N, C) of graphs with shortest-path distances (B, N, N) and node mask (B, N).</summary>
    public Tensor Forward(Tensor x, Tensor distances, Tensor nodeMask)
    {
        var nodes = (int)x.shape[1];
        var states = Enumerable.Range(0, nodes).Select(i => x.select(1, i)).ToList();
        var oneHop = distances.eq(1).to(x.dtype);
        var inverseDistance = distances.gt(0).to(x.dtype) / distances.clamp_min(1).to(x.dtype);

        // As the reference, nodes after the last one any edge leads to are not updated.
        var reached = distances.gt(0).any(0).any(0);
        var last = reached.any().item<bool>() ? (int)reached.nonzero().max().item<long>() : -1;
        foreach (var forward in new[] { true, false })
        {
            for (var step = 0; step <= last; step++)
            {
                var node = forward ? step : last - step;
                // Going forward a node hears its predecessors (column node), going back its successors (row node).
                var weights = forward ? oneHop.select(2, node) : oneHop.select(1, node);
                var hidden = stack(states, 1);
                var message = (weights.unsqueeze(2) * _mlp.call(hidden)).sum(1);
                if (_mlpVirtual is not null)
                {
                    var reach = forward ? inverseDistance.select(2, node) : inverseDistance.select(1, node);
                    message = message + (reach.unsqueeze(2) * _mlpVirtual.call(hidden)).sum(1);
                }

                var updated = _gru.call(message, states[node]);
                states[node] = where(nodeMask.select(1, node).unsqueeze(1), updated, states[node]);
            }
        }

        return stack(states, 1);
    }
}
