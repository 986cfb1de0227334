namespace Faas.Gateway.Http;

/// <summary>Line and position (both from 1) of a byte offset in a JSON text, as people count them in an editor.</summary>
public static class JsonPositions
{
    public static string Describe(long line, long bytePositionInLine) => $"line {line + 1}, position {bytePositionInLine + 1}";

    public static string Describe(ReadOnlySpan<byte> json, long offset)
    {
        var before = json[..(int)Math.Min(offset, json.Length)];
        var line = before.Count((byte)'\n');
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return Describe(line, before.Length - lineStart);
    }

    /// <summary>A System.Text.Json message without its trailing "Path: … | LineNumber: … | BytePositionInLine: …".</summary>
    public static string Reason(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        return message.Trim();
    }
}
