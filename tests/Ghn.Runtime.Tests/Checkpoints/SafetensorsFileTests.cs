using Ghn.Checkpoints;
using static TorchSharp.torch;

namespace Ghn.Runtime.Tests.Checkpoints;

public sealed class SafetensorsFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ghn-st-{Guid.NewGuid():N}.safetensors");

    [Fact]
    public void Tensors_of_every_supported_dtype_and_the_metadata_round_trip_exactly()
    {
        using var scope = NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>
        {
            ["f32"] = randn(3, 4),
            ["f16"] = randn(5).to(ScalarType.Float16),
            ["bf16"] = randn(2, 2).to(ScalarType.BFloat16),
            ["i64"] = arange(6, dtype: ScalarType.Int64).reshape(2, 3),
            ["scalar"] = tensor(1.5f),
        };
        SafetensorsFile.Write(_path, tensors, new Dictionary<string, string> { ["note"] = "{\"a\": 1}" });

        using var read = SafetensorsFile.Read(_path);
        Assert.Equal("{\"a\": 1}", read.Metadata["note"]);
        Assert.Equal(tensors.Keys.Order(), read.Tensors.Keys.Order());
        foreach (var (name, tensor) in tensors)
        {
            Assert.Equal(tensor.dtype, read.Tensors[name].dtype);
            Assert.True(tensor.allclose(read.Tensors[name], rtol: 0, atol: 0), name);
        }
    }

    [Fact]
    public void The_data_section_starts_eight_byte_aligned()
    {
        using var scope = NewDisposeScope();
        SafetensorsFile.Write(_path, new Dictionary<string, Tensor> { ["x"] = ones(3) });
        var headerLength = BitConverter.ToInt64(File.ReadAllBytes(_path), 0);
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(8 + headerLength + 12, new FileInfo(_path).Length);
    }

    [Fact]
    public void A_truncated_file_names_the_tensor_it_cannot_read()
    {
        using (var scope = NewDisposeScope())
        {
            SafetensorsFile.Write(_path, new Dictionary<string, Tensor> { ["a"] = ones(4), ["b"] = ones(1000) });
        }

        var bytes = File.ReadAllBytes(_path);
        File.WriteAllBytes(_path, bytes[..^100]);
        var exception = Assert.Throws<CheckpointException>(() => SafetensorsFile.Read(_path));
        Assert.Contains("\"b\"", exception.Message);
        Assert.Contains("truncated", exception.Message);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "shorter than the 8-byte header length")]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0 }, "header length")]
    [InlineData(new byte[] { 4, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'x' }, "truncated")]
    [InlineData(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'x' }, "not valid JSON")]
    public void A_malformed_header_is_reported(byte[] content, string message)
    {
        File.WriteAllBytes(_path, content);
        var exception = Assert.Throws<CheckpointException>(() => SafetensorsFile.Read(_path));
        Assert.Contains(message, exception.Message);
    }

    [Fact]
    public void An_unsupported_dtype_is_reported_with_the_tensor_name()
    {
        var header = "{\"weird\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}"u8.ToArray();
        File.WriteAllBytes(_path, [.. BitConverter.GetBytes((long)header.Length), .. header, 0]);
        var exception = Assert.Throws<CheckpointException>(() => SafetensorsFile.Read(_path));
        Assert.Contains("\"weird\"", exception.Message);
        Assert.Contains("F8_E4M3", exception.Message);
    }

    public void Dispose() => File.Delete(_path);
}
