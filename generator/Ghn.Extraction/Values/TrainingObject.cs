namespace Ghn.Extraction.Values;

/// <summary>
/// An optimizer, learning-rate scheduler or loss that a model's constructor creates for its own training loop
/// (<c>torch.optim.Adam(parameters())</c>, <c>nn.BCELoss()</c>): it does not change the architecture.
/// </summary>
internal sealed class TrainingObject(string type)
{
    public string Type { get; } = type;
}
