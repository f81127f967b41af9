using System.Globalization;

namespace Ghn.Extraction.Values;

/// <summary>Reads boxed C# numbers of any primitive type.</summary>
internal static class Numeric
{
    public static bool IsInteger(object? value) =>
        value is int or long or short or byte or sbyte or ushort or uint or ulong or char;

    public static bool IsNumber(object? value) => IsInteger(value) || value is double or float or decimal;

    public static long ToInt64(object value) => Convert.ToInt64(value, CultureInfo.InvariantCulture);

    public static double ToDouble(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    /// <summary>How a value reads in a message or an interpolated string.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "True" : "False",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
