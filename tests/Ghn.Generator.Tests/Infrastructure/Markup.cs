using Microsoft.CodeAnalysis.Text;

namespace Ghn.Generator.Tests.Infrastructure;

/// <summary>Source with one span marked <c>[|like this|]</c>: where a diagnostic is expected.</summary>
internal static class Markup
{
    public static (string Source, TextSpan Span) Parse(string markup)
    {
        var start = markup.IndexOf("[|", StringComparison.Ordinal);
        var end = markup.IndexOf("|]", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "The test source must mark the expected location with [| and |].");
        var source = markup.Remove(end, 2).Remove(start, 2);
        return (source, TextSpan.FromBounds(start, end - 2));
    }
}
