using System.Globalization;
using System.Text;

namespace Faas.Guest.Agent.Http;

/// <summary>Decodes a chunked body (RFC 9112 §7.1): chunk extensions are ignored and trailer fields are read and dropped.</summary>
internal sealed class ChunkedBodyReader(HttpConnection connection)
{
    private const int MaxChunkLineLength = 4 * 1024;
    private const int MaxTrailerSectionLength = 64 * 1024;

    /// <summary>At most 15 hex digits: a chunk can never be larger than a long.</summary>
    private const int MaxChunkSizeDigits = 15;

    private long _leftInChunk;
    private bool _chunkDataEnded;
    private bool _done;

    /// <summary>Reads decoded body bytes.</summary>
    /// <returns>The number of bytes read; 0 at the end of the body.</returns>
    /// <exception cref="FunctionHttpException">The encoding is malformed or the connection ended inside it.</exception>
    public async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (_done)
        {
            return 0;
        }

        if (_leftInChunk == 0)
        {
            if (_chunkDataEnded)
            {
                var end = await connection.ReadLineAsync(MaxChunkLineLength, "the end of a chunk", cancellationToken).ConfigureAwait(false);
                if (!end.IsEmpty)
                {
                    throw Malformed("a chunk is longer than its declared size");
                }
            }

            _leftInChunk = ParseChunkSize((await connection.ReadLineAsync(MaxChunkLineLength, "a chunk size line", cancellationToken).ConfigureAwait(false)).Span);
            if (_leftInChunk == 0)
            {
                await SkipTrailerSectionAsync(cancellationToken).ConfigureAwait(false);
                _done = true;
                return 0;
            }
        }

        var wanted = (int)Math.Min(destination.Length, _leftInChunk);
        var read = await connection.ReadAsync(destination[..wanted], cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new FunctionHttpException("the function closed the connection in the middle of a chunk of its response");
        }

        _leftInChunk -= read;
        _chunkDataEnded = _leftInChunk == 0;
        return read;
    }

    private static long ParseChunkSize(ReadOnlySpan<byte> line)
    {
        var extension = line.IndexOf((byte)';');
        var digits = (extension >= 0 ? line[..extension] : line).TrimEnd(" \t"u8);
        if (digits.IsEmpty || digits.Length > MaxChunkSizeDigits
            || !long.TryParse(Encoding.ASCII.GetString(digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size))
        {
            throw Malformed($"'{Encoding.ASCII.GetString(line[..Math.Min(line.Length, 40)])}' is not a chunk size");
        }

        return size;
    }

    private async ValueTask SkipTrailerSectionAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var line = await connection.ReadLineAsync(MaxChunkLineLength, "a trailer field", cancellationToken).ConfigureAwait(false);
            if (line.IsEmpty)
            {
                return;
            }

            total += line.Length;
            if (total > MaxTrailerSectionLength)
            {
                throw Malformed($"its trailer fields exceed {MaxTrailerSectionLength / 1024} KiB");
            }
        }
    }

    private static FunctionHttpException Malformed(string problem) => new($"the function sent a malformed chunked response: {problem}");
}
