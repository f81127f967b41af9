namespace Ghn.Extraction.Values;

/// <summary>
/// A parameter or buffer of a constructed layer (<c>conv.weight</c>, <c>bn.running_mean</c>) as the constructor
/// sees it: weight-initialisation code may change its values in place, which leaves the graph as it is (the
/// GHN predicts the values anyway). Two values are the same tensor when they have the same owner and role.
/// </summary>
internal sealed record ParameterValue(LayerModule Owner, string Role);
