using Microsoft.AspNetCore.Http;

namespace Faas.Gateway.Invocation;

/// <summary>
/// The client's response body during a forwarded call. When the response has a Content-Length, the write that completes it
/// holds its last byte back until the instance is released, so a client that sends its next call as soon as it has read a
/// response finds the instance idle. A response without a length ends only when the handler returns, after the release.
/// </summary>
internal sealed class ReleasingResponseStream(Stream inner, HttpResponse response, Func<Task> release) : Stream
{
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var completes = response.ContentLength is { } length && !buffer.IsEmpty && _written + buffer.Length >= length;
        _written += buffer.Length;
        if (!completes)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (buffer.Length > 1)
        {
            await inner.WriteAsync(buffer[..^1], cancellationToken).ConfigureAwait(false);
        }

        await release().ConfigureAwait(false);
        await inner.WriteAsync(buffer[^1..], cancellationToken).ConfigureAwait(false);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("synchronous writes are not allowed");

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
