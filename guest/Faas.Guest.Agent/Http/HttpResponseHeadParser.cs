using System.Globalization;
using System.Text;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Http;

/// <summary>
/// Parses a response's status line and header section strictly (RFC 9112): lines end in CRLF or LF, header names are
/// tokens, folded lines, control characters and conflicting Content-Length values are refused.
/// </summary>
internal static class HttpResponseHeadParser
{
    private static readonly char[] ListSeparators = [','];

    /// <param name="head">The head, up to and including the empty line that ends it.</param>
    /// <exception cref="FunctionHttpException">The head is not valid HTTP/1.x.</exception>
    public static HttpResponseHead Parse(ReadOnlySpan<byte> head)
    {
        var rest = head;
        var statusLine = NextLine(ref rest);
        var (status, isHttp11) = ParseStatusLine(statusLine);

        var headers = new List<HttpHeader>();
        List<string>? nominated = null;
        long contentLength = -1;
        bool hasTransferEncoding = false, isChunked = false, closeRequested = false;
        while (NextLine(ref rest) is { IsEmpty: false } line)
        {
            var header = ParseHeaderLine(line);
            if (header.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                contentLength = MergeContentLength(contentLength, header.Value);
            }
            else if (header.Name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                hasTransferEncoding = true;
                isChunked = LastListItem(header.Value) is { } coding && coding.Equals("chunked", StringComparison.OrdinalIgnoreCase);
            }
            else if (header.Name.Equals("Connection", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var option in header.Value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    closeRequested |= option.Equals("close", StringComparison.OrdinalIgnoreCase);
                    (nominated ??= []).Add(option);
                }
            }

            headers.Add(header);
        }

        // Transfer-Encoding overrides Content-Length, which then no longer describes the message (RFC 9112 §6.3).
        headers.RemoveAll(header =>
            HopByHopHeaders.Contains(header.Name)
            || (hasTransferEncoding && header.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            || (nominated is not null && nominated.Exists(name => name.Equals(header.Name, StringComparison.OrdinalIgnoreCase))));
        return new HttpResponseHead(status, isHttp11, headers, hasTransferEncoding ? -1 : contentLength, hasTransferEncoding, isChunked, closeRequested);
    }

    private static ReadOnlySpan<byte> NextLine(ref ReadOnlySpan<byte> rest)
    {
        var end = rest.IndexOf((byte)'\n');
        if (end < 0)
        {
            throw Malformed("its header section does not end with an empty line");
        }

        var line = rest[..end];
        rest = rest[(end + 1)..];
        return line.EndsWith((byte)'\r') ? line[..^1] : line;
    }

    private static (int Status, bool IsHttp11) ParseStatusLine(ReadOnlySpan<byte> line)
    {
        // HTTP/1.x SP 3DIGIT [SP reason-phrase]
        if (line.Length < 12 || !line.StartsWith("HTTP/1."u8) || line[7] is not ((byte)'0' or (byte)'1') || line[8] != ' '
            || !IsDigit(line[9]) || !IsDigit(line[10]) || !IsDigit(line[11]) || line[9] == '0'
            || (line.Length > 12 && (line[12] != ' ' || !HttpSyntax.IsFieldValue(line[13..]))))
        {
            throw Malformed($"its status line is not HTTP/1.x: '{Printable(line)}'");
        }

        var status = ((line[9] - '0') * 100) + ((line[10] - '0') * 10) + (line[11] - '0');
        return (status, line[7] == '1');
    }

    private static HttpHeader ParseHeaderLine(ReadOnlySpan<byte> line)
    {
        if (line[0] is (byte)' ' or (byte)'\t')
        {
            throw Malformed($"it folds a header over several lines (obsolete line folding): '{Printable(line)}'");
        }

        var colon = line.IndexOf((byte)':');
        if (colon <= 0 || !HttpSyntax.IsToken(line[..colon]))
        {
            throw Malformed($"it has a malformed header line: '{Printable(line)}'");
        }

        var value = line[(colon + 1)..].Trim(" \t"u8);
        if (!HttpSyntax.IsFieldValue(value))
        {
            throw Malformed($"header '{Encoding.ASCII.GetString(line[..colon])}' has control characters in its value");
        }

        return new HttpHeader(Encoding.ASCII.GetString(line[..colon]), Encoding.UTF8.GetString(value));
    }

    /// <summary>Content-Length may repeat (as separate headers or a list) only with the same value.</summary>
    private static long MergeContentLength(long current, string value)
    {
        foreach (var item in value.Split(ListSeparators, StringSplitOptions.TrimEntries))
        {
            if (item.Length == 0 || item.Length > 18 || !item.All(char.IsAsciiDigit))
            {
                throw Malformed($"its Content-Length '{value}' is not a number");
            }

            var length = long.Parse(item, NumberStyles.None, CultureInfo.InvariantCulture);
            if (current >= 0 && current != length)
            {
                throw Malformed($"it declares two different Content-Length values ({current} and {length})");
            }

            current = length;
        }

        return current;
    }

    private static string? LastListItem(string value) =>
        value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } items ? items[^1] : null;

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static string Printable(ReadOnlySpan<byte> line)
    {
        const int MaxShown = 80;
        var shown = line.Length > MaxShown ? line[..MaxShown] : line;
        var text = new StringBuilder(shown.Length);
        foreach (var b in shown)
        {
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : '?');
        }

        return line.Length > MaxShown ? text.Append('…').ToString() : text.ToString();
    }

    private static FunctionHttpException Malformed(string problem) => new($"the function sent a malformed response: {problem}");
}
