using TorchSharp;

namespace Ghn.Checkpoints;

/// <summary>Maps safetensors dtype names to TorchSharp scalar types (the ones Ghn.Build reads and writes).</summary>
internal static class SafetensorsDType
{
    private static readonly (string Name, torch.ScalarType Type, int Size)[] Known =
    [
        ("F32", torch.ScalarType.Float32, 4),
        ("F16", torch.ScalarType.Float16, 2),
        ("BF16", torch.ScalarType.BFloat16, 2),
        ("F64", torch.ScalarType.Float64, 8),
        ("I64", torch.ScalarType.Int64, 8),
        ("I32", torch.ScalarType.Int32, 4),
    ];

    public static bool TryParse(string name, out torch.ScalarType type, out int elementSize)
    {
        foreach (var known in Known)
        {
            if (known.Name == name)
            {
                (type, elementSize) = (known.Type, known.Size);
                return true;
            }
        }

        (type, elementSize) = (default, 0);
        return false;
    }

    public static string NameOf(torch.ScalarType type)
    {
        foreach (var known in Known)
        {
            if (known.Type == type)
            {
                return known.Name;
            }
        }

        throw new NotSupportedException($"Tensors of type {type} cannot be written to safetensors by Ghn.Build; convert them to float32 first.");
    }

    public static string SupportedNames => string.Join(", ", Known.Select(k => k.Name));
}
