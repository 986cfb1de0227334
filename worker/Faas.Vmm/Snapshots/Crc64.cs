namespace Faas.Vmm.Snapshots;

/// <summary>CRC-64 with the ECMA-182 polynomial, reflected, initial value and final XOR all ones (the CRC-64/XZ parameters).</summary>
public static class Crc64
{
    private const ulong ReflectedPolynomial = 0xc96c_5795_d787_0f42;

    private static readonly ulong[] Table = BuildTable();

    public static ulong Compute(ReadOnlySpan<byte> data) => Append(Initial, data) ^ ulong.MaxValue;

    /// <summary>The running value before any byte.</summary>
    public const ulong Initial = ulong.MaxValue;

    /// <summary>Continues a running CRC (start from <see cref="Initial"/>; the final value is the result XOR all ones).</summary>
    public static ulong Append(ulong running, ReadOnlySpan<byte> data)
    {
        var table = Table;
        foreach (var b in data)
        {
            running = table[(byte)(running ^ b)] ^ (running >> 8);
        }

        return running;
    }

    private static ulong[] BuildTable()
    {
        var table = new ulong[256];
        for (var i = 0; i < table.Length; i++)
        {
            var value = (ulong)i;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? (value >> 1) ^ ReflectedPolynomial : value >> 1;
            }

            table[i] = value;
        }

        return table;
    }
}
