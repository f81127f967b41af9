using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Ghn;

/// <summary>One learned vector per edge value (shortest-path distance shifted by 2; see <see cref="GraphormerLayer"/>).</summary>
internal sealed class EdgeEmbedding : nn.Module<Tensor, Tensor>
{
    /// <summary>Distances up to 255 plus the two reserved values; GHN-3 caps paths at 50 hops anyway.</summary>
    public const int MaxLength = 257;

    [ComponentName(Name = "embed")]
    private readonly Embedding _embed;

    public EdgeEmbedding(int hid)
        : base("edge_embed")
    {
        _embed = nn.Embedding(MaxLength, hid);
        RegisterComponents();
    }

    public override Tensor forward(Tensor edges) => _embed.call(edges);
}
