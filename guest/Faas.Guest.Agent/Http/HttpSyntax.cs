namespace Faas.Guest.Agent.Http;

/// <summary>The character classes of HTTP/1.1 (RFC 9110 §5.6).</summary>
internal static class HttpSyntax
{
    /// <summary>tchar: the characters of a method or a header name.</summary>
    public static bool IsToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsTokenChar(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsToken(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var b in text)
        {
            if (!IsTokenChar((char)b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A field value: visible characters, spaces and tabs (and any non-ASCII), but no other control characters.</summary>
    public static bool IsFieldValue(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if ((c < ' ' && c != '\t') || c == '\x7f')
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsFieldValue(ReadOnlySpan<byte> text)
    {
        foreach (var b in text)
        {
            if ((b < ' ' && b != '\t') || b == 0x7f)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A request target in origin form (or * for OPTIONS): no spaces or control characters to split the request line.</summary>
    public static bool IsRequestTarget(ReadOnlySpan<char> text)
    {
        if (text is "*")
        {
            return true;
        }

        if (text.IsEmpty || text[0] != '/')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c <= ' ' || c == '\x7f')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';
}
