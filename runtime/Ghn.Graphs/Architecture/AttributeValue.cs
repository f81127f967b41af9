using System.Globalization;
using System.Text;
using Ghn.Graphs.Json;

namespace Ghn.Graphs;

/// <summary>The value of an op attribute: an integer, a number, a flag, a string or a list of integers.</summary>
public sealed class AttributeValue : IEquatable<AttributeValue>
{
    private readonly object _value;

    private AttributeValue(object value) => _value = value;

    /// <summary>An integer attribute.</summary>
    public static AttributeValue Of(int value) => new(value);

    /// <summary>A floating-point attribute.</summary>
    public static AttributeValue Of(double value) => new(value);

    /// <summary>A flag.</summary>
    public static AttributeValue Of(bool value) => new(value);

    /// <summary>A string attribute.</summary>
    public static AttributeValue Of(string value) => new(value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A list of integers (kernel sizes, dims, shapes).</summary>
    public static AttributeValue Of(IEnumerable<int> values) => new(values.ToArray());

    /// <summary>The integer value; throws when the attribute is not an integer.</summary>
    public int AsInt() => _value is int i ? i : throw new InvalidOperationException($"Attribute {this} is not an integer.");

    /// <summary>The numeric value of an integer or floating-point attribute.</summary>
    public double AsDouble() => _value switch
    {
        double d => d,
        int i => i,
        _ => throw new InvalidOperationException($"Attribute {this} is not a number."),
    };

    /// <summary>The flag value.</summary>
    public bool AsBool() => _value is bool b ? b : throw new InvalidOperationException($"Attribute {this} is not a flag.");

    /// <summary>The string value.</summary>
    public string AsString() => _value as string ?? throw new InvalidOperationException($"Attribute {this} is not a string.");

    /// <summary>The integer list; an integer attribute reads as a list of one.</summary>
    public IReadOnlyList<int> AsInts() => _value switch
    {
        int[] a => a,
        int i => [i],
        _ => throw new InvalidOperationException($"Attribute {this} is not a list of integers."),
    };

    /// <summary>Calls the function for the attribute's type with its value.</summary>
    public T Match<T>(Func<int, T> integer, Func<double, T> number, Func<bool, T> flag, Func<string, T> text, Func<IReadOnlyList<int>, T> integers) => _value switch
    {
        int i => integer(i),
        double d => number(d),
        bool b => flag(b),
        string s => text(s),
        _ => integers((int[])_value),
    };

    /// <inheritdoc />
    public bool Equals(AttributeValue? other) =>
        other is not null && (_value, other._value) switch
        {
            (int[] a, int[] b) => a.SequenceEqual(b),
            (double a, double b) => a.Equals(b),
            var (a, b) => a.Equals(b),
        };

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as AttributeValue);

    /// <inheritdoc />
    public override int GetHashCode() => _value is int[] a ? a.Aggregate(17, (h, v) => (h * 31) + v) : _value.GetHashCode();

    /// <summary>The attribute as JSON.</summary>
    public override string ToString() => AppendJson(new StringBuilder()).ToString();

    internal StringBuilder AppendJson(StringBuilder builder) => _value switch
    {
        int i => builder.Append(i.ToString(CultureInfo.InvariantCulture)),
        // A double always carries a decimal point or exponent so that it reads back as a double.
        double d => AppendDouble(builder, d),
        bool b => builder.Append(b ? "true" : "false"),
        string s => builder.AppendString(s),
        int[] a => builder.AppendInts(a),
        _ => throw new InvalidOperationException("unknown attribute type"),
    };

    private static StringBuilder AppendDouble(StringBuilder builder, double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        builder.Append(text);
        if (text.IndexOfAny(['.', 'E', 'e']) < 0)
        {
            builder.Append(".0");
        }

        return builder;
    }
}
