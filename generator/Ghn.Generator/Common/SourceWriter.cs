using System.Text;

namespace Ghn.Generator.Common;

/// <summary>Writes C# source line by line with four-space indentation and <c>\n</c> line endings on every platform.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _text = new();
    private int _indentation;

    public SourceWriter WriteLine(string line = "")
    {
        if (line.Length > 0)
        {
            _text.Append(' ', 4 * _indentation).Append(line);
        }

        _text.Append('\n');
        return this;
    }

    public SourceWriter OpenBlock(string header)
    {
        return WriteLine(header).WriteLine("{").Indent();
    }

    public SourceWriter CloseBlock()
    {
        return Unindent().WriteLine("}");
    }

    public SourceWriter Indent()
    {
        _indentation++;
        return this;
    }

    public SourceWriter Unindent()
    {
        _indentation--;
        return this;
    }

    public override string ToString() => _text.ToString();
}
