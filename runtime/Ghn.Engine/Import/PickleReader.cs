using Ghn.Checkpoints;
using System.Buffers.Binary;
using System.Text;

namespace Ghn.Import;

/// <summary>What a pickle may build beyond plain data: the globals it names, what calling them makes, persistent ids.</summary>
internal interface IPickleHost
{
    /// <summary>The value standing for <c>module.name</c>; throws a <see cref="CheckpointException"/> naming a global that is not allowed.</summary>
    object Global(string module, string name);

    /// <summary>Calls an allowed global (<c>REDUCE</c>) with its arguments.</summary>
    object? Reduce(object callable, object?[] arguments);

    /// <summary>The object a persistent id stands for (<c>BINPERSID</c>).</summary>
    object? PersistentLoad(object? id);
}

/// <summary>A dictionary a pickle builds, in insertion order (Python's <c>dict</c> and <c>OrderedDict</c>).</summary>
internal sealed class PickleDictionary : List<KeyValuePair<object, object?>>
{
    public object? this[string key] => this.FirstOrDefault(e => key.Equals(e.Key)).Value;
}

/// <summary>
/// Reads Python pickles (protocols 2 to 5) as data: numbers, strings, bytes, tuples, lists and dictionaries. It never
/// runs code: every global is resolved by the <see cref="IPickleHost"/>, which allows only the ones it knows and
/// names any other in its refusal.
/// </summary>
internal sealed class PickleReader(byte[] data, IPickleHost host, string source)
{
    private static readonly object Mark = new();

    private readonly Dictionary<long, object?> _memo = [];
    private readonly Stack<object?> _stack = new();
    private int _position;

    /// <summary>Where the next pickle starts after <see cref="Read"/> (files may hold several in a row).</summary>
    public int Position { get => _position; set => _position = value; }

    /// <summary>Reads one pickle from <see cref="Position"/> up to its <c>STOP</c>.</summary>
    /// <exception cref="CheckpointException">The bytes are not a pickle this reader understands, or name a global the host does not allow.</exception>
    public object? Read()
    {
        _memo.Clear();
        _stack.Clear();
        try
        {
            while (true)
            {
                var opcode = Byte();
                switch (opcode)
                {
                    case 0x80: Byte(); break;                                      // PROTO
                    case 0x95: Bytes(8); break;                                    // FRAME
                    case (byte)'.': return Pop();                                  // STOP
                    case (byte)'(': _stack.Push(Mark); break;                      // MARK
                    case (byte)'0': Pop(); break;                                  // POP
                    case (byte)')': _stack.Push(Array.Empty<object?>()); break;    // EMPTY_TUPLE
                    case (byte)'t': _stack.Push(PopToMark().ToArray()); break;     // TUPLE
                    case 0x85: _stack.Push(new[] { Pop() }); break;                // TUPLE1
                    case 0x86: { var b = Pop(); var a = Pop(); _stack.Push(new[] { a, b }); break; }
                    case 0x87: { var c = Pop(); var b = Pop(); var a = Pop(); _stack.Push(new[] { a, b, c }); break; }
                    case (byte)']': _stack.Push(new List<object?>()); break;       // EMPTY_LIST
                    case (byte)'a': { var item = Pop(); Peek<List<object?>>().Add(item); break; }
                    case (byte)'e': { var items = PopToMark(); Peek<List<object?>>().AddRange(items); break; }
                    case (byte)'}': _stack.Push(new PickleDictionary()); break;    // EMPTY_DICT
                    case (byte)'s': { var value = Pop(); var key = Pop(); Peek<PickleDictionary>().Add(new(key!, value)); break; }
                    case (byte)'u':
                    {
                        var items = PopToMark();
                        var dictionary = Peek<PickleDictionary>();
                        for (var i = 0; i + 1 < items.Count; i += 2)
                        {
                            dictionary.Add(new(items[i]!, items[i + 1]));
                        }

                        break;
                    }

                    case (byte)'N': _stack.Push(null); break;
                    case 0x88: _stack.Push(true); break;
                    case 0x89: _stack.Push(false); break;
                    case (byte)'J': _stack.Push((long)BinaryPrimitives.ReadInt32LittleEndian(Bytes(4))); break;
                    case (byte)'K': _stack.Push((long)Byte()); break;
                    case (byte)'M': _stack.Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Bytes(2))); break;
                    case 0x8a: _stack.Push(Long(Bytes(Byte()))); break;            // LONG1
                    case (byte)'G': _stack.Push(BinaryPrimitives.ReadDoubleBigEndian(Bytes(8))); break;
                    case 0x8c: _stack.Push(Encoding.UTF8.GetString(Bytes(Byte()))); break;
                    case (byte)'X': _stack.Push(Encoding.UTF8.GetString(Bytes(Length(4)))); break;
                    case 0x8d: _stack.Push(Encoding.UTF8.GetString(Bytes(Length(8)))); break;
                    case (byte)'C': _stack.Push(Bytes(Byte()).ToArray()); break;
                    case (byte)'B': _stack.Push(Bytes(Length(4)).ToArray()); break;
                    case 0x8e: _stack.Push(Bytes(Length(8)).ToArray()); break;
                    case (byte)'q': _memo[Byte()] = _stack.Peek(); break;          // BINPUT
                    case (byte)'r': _memo[Length(4)] = _stack.Peek(); break;       // LONG_BINPUT
                    case 0x94: _memo[_memo.Count] = _stack.Peek(); break;          // MEMOIZE
                    case (byte)'h': _stack.Push(Memo(Byte())); break;              // BINGET
                    case (byte)'j': _stack.Push(Memo(Length(4))); break;           // LONG_BINGET
                    case (byte)'c':                                                // GLOBAL
                    {
                        var module = Line();
                        _stack.Push(host.Global(module, Line()));
                        break;
                    }

                    case 0x93:                                                     // STACK_GLOBAL
                    {
                        var name = (string)Pop()!;
                        _stack.Push(host.Global((string)Pop()!, name));
                        break;
                    }

                    case (byte)'R':                                                // REDUCE
                    {
                        var arguments = (object?[])Pop()!;
                        _stack.Push(host.Reduce(Pop()!, arguments));
                        break;
                    }

                    case (byte)'Q': _stack.Push(host.PersistentLoad(Pop())); break; // BINPERSID
                    case (byte)'b':                                                // BUILD
                        // Only attributes of a dictionary (a state dict's _metadata of versions): not data, dropped.
                        if (Pop() is not PickleDictionary || _stack.Peek() is not PickleDictionary)
                        {
                            throw new CheckpointException($"{source}: the pickle sets the state of an object other than a dictionary at byte {_position - 1}; the file is not a state dict of tensors.");
                        }

                        break;
                    default:
                        throw new CheckpointException($"{source}: pickle opcode 0x{opcode:x2} at byte {_position - 1} is not one a checkpoint of tensors uses; the file is not such a checkpoint.");
                }
            }
        }
        catch (Exception exception) when (exception is InvalidCastException or InvalidOperationException or ArgumentOutOfRangeException or KeyNotFoundException or NullReferenceException)
        {
            throw new CheckpointException($"{source}: the pickle is malformed near byte {_position} ({exception.Message}).", exception);
        }
    }

    private byte Byte() => _position < data.Length ? data[_position++] : throw Truncated();

    private ReadOnlySpan<byte> Bytes(long count)
    {
        if (count < 0 || _position + count > data.Length)
        {
            throw Truncated();
        }

        var span = data.AsSpan(_position, (int)count);
        _position += (int)count;
        return span;
    }

    private long Length(int size) => size == 4 ? BinaryPrimitives.ReadUInt32LittleEndian(Bytes(4)) : (long)BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8));

    private string Line()
    {
        var end = Array.IndexOf(data, (byte)'\n', _position);
        if (end < 0)
        {
            throw Truncated();
        }

        var text = Encoding.UTF8.GetString(data, _position, end - _position);
        _position = end + 1;
        return text;
    }

    // Integers beyond 64 bits (the legacy torch.save magic number) stay big integers.
    private static object Long(ReadOnlySpan<byte> bytes)
    {
        var value = new System.Numerics.BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        return value >= long.MinValue && value <= long.MaxValue ? (long)value : value;
    }

    private object? Memo(long index) => _memo.TryGetValue(index, out var value) ? value : throw new CheckpointException($"{source}: the pickle refers to memo entry {index}, which it never stored.");

    private object? Pop() => _stack.Pop() is var value && !ReferenceEquals(value, Mark) ? value : throw new InvalidOperationException("a MARK where a value was expected");

    private T Peek<T>() => _stack.Peek() is T value ? value : throw new InvalidOperationException($"expected a {typeof(T).Name} on the stack");

    private List<object?> PopToMark()
    {
        var items = new List<object?>();
        while (!ReferenceEquals(_stack.Peek(), Mark))
        {
            items.Add(_stack.Pop());
        }

        _stack.Pop();
        items.Reverse();
        return items;
    }

    private CheckpointException Truncated() => new($"{source}: the file ends inside a pickle (byte {_position} of {data.Length}); it is truncated — download or copy it again.");
}
