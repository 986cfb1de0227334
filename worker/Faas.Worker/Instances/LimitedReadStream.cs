namespace Faas.Worker.Instances;

/// <summary>Reads a request body through, failing once more than the limit has come; remembers whether the source itself failed.</summary>
internal sealed class LimitedReadStream(Stream source, long maxBytes) : Stream
{
    private long _read;
    private volatile bool _detached;

    /// <summary>The source failed (the caller went away mid-upload): the guest has half a request.</summary>
    public bool SourceFailed { get; private set; }

    public bool Exceeded { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    /// <summary>Ends the body for whoever still reads it once the call is over (the caller's request is finished with).</summary>
    public void Detach() => _detached = true;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_detached)
        {
            return 0;
        }

        int count;
        try
        {
            count = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SourceFailed = true;
            throw;
        }

        _read += count;
        if (_read > maxBytes)
        {
            Exceeded = true;
            throw new RequestBodyTooLargeException(maxBytes);
        }

        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
