namespace Ghn.Extraction.Values;

/// <summary>
/// A parameter or buffer of a constructed layer (<c>conv.weight</c>, <c>bn.running_mean</c>) as the constructor
/// sees it: weight-initialisation code may change its values in place, which leaves the graph as it is (the
/// GHN predicts the values anyway).
/// </summary>
internal sealed class ParameterValue(LayerModule owner, string role)
{
    public LayerModule Owner { get; } = owner;

    public string Role { get; } = role;
}
