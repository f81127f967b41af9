namespace Ghn.Training.Sampling.Building;

/// <summary>The output of a node while a network is built: its id and its inferred shape (batch first).</summary>
internal readonly record struct Feature(int Id, int[] Shape)
{
    /// <summary>Dimension 1: channels of a feature map, features of a vector.</summary>
    public int Channels => Shape[1];

    /// <summary>The spatial height of a feature map.</summary>
    public int Height => Shape[2];

    /// <summary>The spatial width of a feature map.</summary>
    public int Width => Shape[3];

    /// <summary>True for <c>[N, C, H, W]</c> feature maps.</summary>
    public bool IsMap => Shape.Length == 4;
}
