using System.Text;

namespace Ghn.Cli.Commands.Bench;

/// <summary>Prints rows as a Markdown table, so that benchmark output can be pasted into the README as is.</summary>
internal static class Table
{
    public static string Format(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = Enumerable.Range(0, header.Count).Select(c => all.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        void Line(IReadOnlyList<string> cells) =>
            text.Append("| ").Append(string.Join(" | ", cells.Select((cell, c) => cell.PadRight(widths[c])))).Append(" |\n");

        Line(header);
        text.Append("| ").Append(string.Join(" | ", widths.Select(w => new string('-', w)))).Append(" |\n");
        foreach (var row in all.Skip(1))
        {
            Line(row);
        }

        return text.ToString();
    }
}
