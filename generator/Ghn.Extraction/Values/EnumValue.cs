using Microsoft.CodeAnalysis;

namespace Ghn.Extraction.Values;

/// <summary>A value of an enum type; <see cref="MemberName"/> is the declared member it equals, if any.</summary>
internal sealed class EnumValue(ITypeSymbol type, long value) : IEquatable<EnumValue>
{
    public ITypeSymbol Type { get; } = type;

    public long Value { get; } = value;

    public string? MemberName => Type.GetMembers().OfType<IFieldSymbol>()
        .FirstOrDefault(f => f.HasConstantValue && Convert.ToInt64(f.ConstantValue, System.Globalization.CultureInfo.InvariantCulture) == Value)?.Name;

    public bool Equals(EnumValue? other) => other is not null && Value == other.Value && SymbolEqualityComparer.Default.Equals(Type, other.Type);

    public override bool Equals(object? obj) => Equals(obj as EnumValue);

    public override int GetHashCode() => Value.GetHashCode();

    public override string ToString() => MemberName ?? Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
