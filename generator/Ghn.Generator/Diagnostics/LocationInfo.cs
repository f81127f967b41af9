using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Ghn.Generator.Diagnostics;

/// <summary>
/// A source location as plain data. A <see cref="Location"/> holds its syntax tree, and through it the whole
/// compilation, so pipeline models keep this instead and rebuild the location only when reporting.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location) =>
        location is null || location.Kind == LocationKind.None
            ? null
            : new LocationInfo(location.GetLineSpan().Path, location.SourceSpan, location.GetLineSpan().Span);

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
