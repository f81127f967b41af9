using System.Globalization;
using System.Text;

namespace Ghn.Graphs.Json;

/// <summary>A strict recursive-descent JSON parser (RFC 8259) for the graph formats.</summary>
internal sealed class JsonReader
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _position;

    private JsonReader(string text) => _text = text;

    public static JsonValue Parse(string text)
    {
        if (text is null)
        {
            throw new ArgumentNullException(nameof(text));
        }

        var reader = new JsonReader(text);
        var value = reader.ReadValue(0);
        reader.SkipWhitespace();
        if (reader._position != text.Length)
        {
            throw reader.Error("unexpected text after the JSON value");
        }

        return value;
    }

    private JsonValue ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("JSON is nested too deeply");
        }

        SkipWhitespace();
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of JSON");
        }

        switch (_text[_position])
        {
            case '{': return ReadObject(depth);
            case '[': return ReadArray(depth);
            case '"': return new JsonString(ReadString());
            case 't': Expect("true"); return new JsonBoolean(true);
            case 'f': Expect("false"); return new JsonBoolean(false);
            case 'n': Expect("null"); return JsonNull.Instance;
            default: return ReadNumber();
        }
    }

    private JsonObject ReadObject(int depth)
    {
        _position++;
        var members = new List<KeyValuePair<string, JsonValue>>();
        SkipWhitespace();
        if (TryConsume('}'))
        {
            return new JsonObject(members);
        }

        do
        {
            SkipWhitespace();
            if (_position >= _text.Length || _text[_position] != '"')
            {
                throw Error("expected a member name");
            }

            var name = ReadString();
            SkipWhitespace();
            if (!TryConsume(':'))
            {
                throw Error("expected ':'");
            }

            members.Add(new KeyValuePair<string, JsonValue>(name, ReadValue(depth + 1)));
            SkipWhitespace();
        }
        while (TryConsume(','));

        if (!TryConsume('}'))
        {
            throw Error("expected ',' or '}'");
        }

        return new JsonObject(members);
    }

    private JsonArray ReadArray(int depth)
    {
        _position++;
        var items = new List<JsonValue>();
        SkipWhitespace();
        if (TryConsume(']'))
        {
            return new JsonArray(items);
        }

        do
        {
            items.Add(ReadValue(depth + 1));
            SkipWhitespace();
        }
        while (TryConsume(','));

        if (!TryConsume(']'))
        {
            throw Error("expected ',' or ']'");
        }

        return new JsonArray(items);
    }

    private string ReadString()
    {
        _position++;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error("unterminated string");
            }

            var c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c < ' ')
            {
                throw Error("control character in string");
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                throw Error("unterminated escape");
            }

            var escape = _text[_position++];
            switch (escape)
            {
                case '"': builder.Append('"'); break;
                case '\\': builder.Append('\\'); break;
                case '/': builder.Append('/'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'n': builder.Append('\n'); break;
                case 'r': builder.Append('\r'); break;
                case 't': builder.Append('\t'); break;
                case 'u':
                    if (_position + 4 > _text.Length ||
                        !ushort.TryParse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("invalid \\u escape");
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default:
                    throw Error($"invalid escape '\\{escape}'");
            }
        }
    }

    private JsonNumber ReadNumber()
    {
        var start = _position;
        while (_position < _text.Length && "+-0123456789.eE".IndexOf(_text[_position]) >= 0)
        {
            _position++;
        }

        var token = _text.Substring(start, _position - start);
        if (token.Length == 0 || !double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            _position = start;
            throw Error("expected a JSON value");
        }

        return new JsonNumber(value, token.IndexOfAny(['.', 'e', 'E']) < 0);
    }

    private void Expect(string literal)
    {
        if (string.CompareOrdinal(_text, _position, literal, 0, literal.Length) != 0)
        {
            throw Error("expected a JSON value");
        }

        _position += literal.Length;
    }

    private bool TryConsume(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (_position < _text.Length && _text[_position] is ' ' or '\t' or '\r' or '\n')
        {
            _position++;
        }
    }

    private GraphFormatException Error(string message)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < _position && i < _text.Length; i++)
        {
            if (_text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new GraphFormatException($"Invalid JSON at line {line}, column {column}: {message}.");
    }
}
