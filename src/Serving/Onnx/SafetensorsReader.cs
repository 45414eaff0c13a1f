using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Platform.Modeling.Onnx;

/// <summary>A named weight as plain floats, row-major, with its shape.</summary>
internal sealed record WeightTensor(float[] Data, long[] Shape)
{
    public long Rows => Shape[0];

    public long Columns => Shape.Length > 1 ? Shape[1] : 1;
}

/// <summary>
/// Reads a <c>.safetensors</c> file without a tensor library: an 8-byte little-endian header length, a JSON header naming
/// each tensor's dtype, shape and byte range, then the bytes. F32, F16 and BF16 tensors are returned as floats.
/// </summary>
internal static class SafetensorsReader
{
    public static Dictionary<string, WeightTensor> Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length < 8)
        {
            throw new InvalidDataException($"{path}: too short to be a safetensors file.");
        }

        var headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        if (headerLength <= 0 || 8 + headerLength > bytes.Length)
        {
            throw new InvalidDataException($"{path}: the header length {headerLength} does not fit the file ({bytes.Length} bytes).");
        }

        using var header = JsonDocument.Parse(bytes.AsMemory(8, (int)headerLength));
        var dataStart = 8 + (int)headerLength;
        var tensors = new Dictionary<string, WeightTensor>(StringComparer.Ordinal);
        foreach (var entry in header.RootElement.EnumerateObject())
        {
            if (entry.Name == "__metadata__")
            {
                continue;
            }

            var dtype = entry.Value.GetProperty("dtype").GetString();
            var shape = entry.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt64()).ToArray();
            var offsets = entry.Value.GetProperty("data_offsets").EnumerateArray().Select(o => o.GetInt64()).ToArray();
            var count = shape.Aggregate(1L, (a, b) => a * b);
            var (begin, end) = (dataStart + offsets[0], dataStart + offsets[1]);
            var width = dtype switch
            {
                "F32" => 4,
                "F16" or "BF16" => 2,
                _ => throw new InvalidDataException($"{path}: tensor '{entry.Name}' has dtype {dtype}; only F32, F16 and BF16 are read."),
            };
            if (end > bytes.Length || begin > end || end - begin != count * width)
            {
                throw new InvalidDataException($"{path}: tensor '{entry.Name}' lies outside the file or does not match its shape.");
            }

            var raw = bytes.AsSpan((int)begin, (int)(end - begin));
            var data = new float[count];
            switch (dtype)
            {
                case "F32":
                    MemoryMarshal.Cast<byte, float>(raw).CopyTo(data);
                    break;
                case "F16":
                    var halves = MemoryMarshal.Cast<byte, Half>(raw);
                    for (var i = 0; i < data.Length; i++)
                    {
                        data[i] = (float)halves[i];
                    }

                    break;
                default:
                    var bf16 = MemoryMarshal.Cast<byte, ushort>(raw);
                    for (var i = 0; i < data.Length; i++)
                    {
                        data[i] = BitConverter.Int32BitsToSingle(bf16[i] << 16);
                    }

                    break;
            }

            tensors[entry.Name] = new WeightTensor(data, shape);
        }

        return tensors;
    }
}
