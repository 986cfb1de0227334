using System.Buffers.Text;
using System.Text.Json;

namespace Faas.Scheduler.Functions;

/// <summary>
/// Where a reader of a function's logs is: the last sequence number read from each (worker, version). Opaque to readers: base64url
/// of a small JSON object. An unreadable cursor reads from the start.
/// </summary>
internal sealed class LogCursor
{
    private readonly Dictionary<string, long> _positions;

    private LogCursor(Dictionary<string, long> positions) => _positions = positions;

    public static LogCursor Parse(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return new LogCursor(new Dictionary<string, long>(StringComparer.Ordinal));
        }

        try
        {
            var positions = JsonSerializer.Deserialize<Dictionary<string, long>>(Base64Url.DecodeFromChars(cursor));
            return new LogCursor(new Dictionary<string, long>(positions ?? [], StringComparer.Ordinal));
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return new LogCursor(new Dictionary<string, long>(StringComparer.Ordinal));
        }
    }

    public long After(string workerId, int version) => _positions.GetValueOrDefault(Source(workerId, version));

    public void Advance(string workerId, int version, long sequence)
    {
        var source = Source(workerId, version);
        _positions[source] = Math.Max(sequence, _positions.GetValueOrDefault(source));
    }

    public override string ToString() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(_positions));

    private static string Source(string workerId, int version) => $"{version}@{workerId}";
}
