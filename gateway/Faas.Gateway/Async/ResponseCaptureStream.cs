namespace Faas.Gateway.Async;

/// <summary>The response body of a call run from the queue: kept in memory up to a limit, the rest counted and dropped.</summary>
internal sealed class ResponseCaptureStream(int limit) : Stream
{
    private readonly MemoryStream _kept = new();

    public bool Truncated { get; private set; }

    public ReadOnlyMemory<byte> Kept => _kept.GetBuffer().AsMemory(0, (int)_kept.Length);

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _kept.Length;

    public override long Position
    {
        get => _kept.Length;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var room = (int)Math.Max(0, limit - _kept.Length);
        if (buffer.Length > room)
        {
            Truncated = true;
            buffer = buffer[..room];
        }

        _kept.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _kept.Dispose();
        }

        base.Dispose(disposing);
    }
}
