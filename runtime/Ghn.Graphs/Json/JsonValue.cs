using System.Globalization;

namespace Ghn.Graphs.Json;

/// <summary>
/// A parsed JSON value. The graph formats are small and this library must also run inside the compiler
/// (netstandard2.0, no package dependencies), so it carries its own minimal JSON tree.
/// </summary>
internal abstract class JsonValue
{
    public virtual JsonObject AsObject(string what) => throw new GraphFormatException($"{what} must be a JSON object.");

    public virtual IReadOnlyList<JsonValue> AsArray(string what) => throw new GraphFormatException($"{what} must be a JSON array.");

    public virtual string AsString(string what) => throw new GraphFormatException($"{what} must be a string.");

    public virtual double AsNumber(string what) => throw new GraphFormatException($"{what} must be a number.");

    public virtual bool AsBoolean(string what) => throw new GraphFormatException($"{what} must be true or false.");

    public int AsInt32(string what)
    {
        var number = AsNumber(what);
        if (number != Math.Floor(number) || number < int.MinValue || number > int.MaxValue)
        {
            throw new GraphFormatException($"{what} must be an integer, not {number.ToString(CultureInfo.InvariantCulture)}.");
        }

        return (int)number;
    }

    public int[] AsInt32Array(string what)
    {
        var items = AsArray(what);
        var result = new int[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            result[i] = items[i].AsInt32($"{what}[{i}]");
        }

        return result;
    }
}

internal sealed class JsonObject(IReadOnlyList<KeyValuePair<string, JsonValue>> members) : JsonValue
{
    public IReadOnlyList<KeyValuePair<string, JsonValue>> Members { get; } = members;

    public override JsonObject AsObject(string what) => this;

    public JsonValue? Find(string name)
    {
        foreach (var member in Members)
        {
            if (member.Key == name)
            {
                return member.Value;
            }
        }

        return null;
    }

    public JsonValue Get(string name, string what) =>
        Find(name) ?? throw new GraphFormatException($"{what} has no \"{name}\" member.");
}

internal sealed class JsonArray(IReadOnlyList<JsonValue> items) : JsonValue
{
    public IReadOnlyList<JsonValue> Items { get; } = items;

    public override IReadOnlyList<JsonValue> AsArray(string what) => Items;
}

internal sealed class JsonString(string value) : JsonValue
{
    public string Value { get; } = value;

    public override string AsString(string what) => Value;
}

internal sealed class JsonNumber(double value, bool isInteger) : JsonValue
{
    public double Value { get; } = value;

    /// <summary>True when the token had no fraction or exponent, so that 1 and 1.0 stay distinct.</summary>
    public bool IsInteger { get; } = isInteger;

    public override double AsNumber(string what) => Value;
}

internal sealed class JsonBoolean(bool value) : JsonValue
{
    public bool Value { get; } = value;

    public override bool AsBoolean(string what) => Value;
}

internal sealed class JsonNull : JsonValue
{
    public static readonly JsonNull Instance = new();
}
