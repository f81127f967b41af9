namespace Ghn.Extraction.Values;

/// <summary>
/// A property of a tensor in forward that only the running model knows and that is not part of the architecture:
/// its element type (<c>x.dtype</c>) or native handle (<c>x.Handle</c>).
/// </summary>
internal sealed class TensorRunTimeProperty
{
    public static readonly TensorRunTimeProperty Instance = new();

    private TensorRunTimeProperty()
    {
    }
}
