namespace Ghn.Extraction.Values;

/// <summary>
/// A <c>Dictionary&lt;K, V&gt;</c> (entries in insertion order, as .NET enumerates a dictionary nobody removed from)
/// or, without values, a <c>HashSet&lt;T&gt;</c>. Keys compare as C#'s <c>==</c> does on evaluated values; tuples
/// compare item by item.
/// </summary>
internal sealed class DictionaryValue(bool isSet)
{
    public bool IsSet { get; } = isSet;

    public List<KeyValuePair<object?, object?>> Entries { get; } = [];

    public int IndexOf(object? key) => Entries.FindIndex(e => KeysEqual(e.Key, key));

    /// <summary>Adds or replaces an entry (the indexer's setter).</summary>
    public void Set(object? key, object? value)
    {
        var index = IndexOf(key);
        if (index >= 0)
        {
            Entries[index] = new KeyValuePair<object?, object?>(Entries[index].Key, value);
        }
        else
        {
            Entries.Add(new KeyValuePair<object?, object?>(key, value));
        }
    }

    /// <summary>Adds an entry unless its key is present; false when it is.</summary>
    public bool TryAdd(object? key, object? value)
    {
        if (IndexOf(key) >= 0)
        {
            return false;
        }

        Entries.Add(new KeyValuePair<object?, object?>(key, value));
        return true;
    }

    private static bool KeysEqual(object? a, object? b) => Operators.AreEqual(a, b) == true;
}

/// <summary>The result of a library call with <c>out</c> parameters: its return value and what each <c>out</c> argument receives, in parameter order.</summary>
internal sealed class OutResult(object? value, IReadOnlyList<object?> outValues)
{
    public object? Value { get; } = value;

    public IReadOnlyList<object?> OutValues { get; } = outValues;
}
