namespace Faas.Worker.Images.Unpacking;

/// <summary>Gives back bytes already read from a stream (to sniff its format) before the rest of it.</summary>
internal sealed class PrefixedStream : Stream
{
    private readonly byte[] prefix;
    private readonly Stream inner;
    private int prefixPosition;

    public PrefixedStream(byte[] prefix, Stream inner)
    {
        this.prefix = prefix;
        this.inner = inner;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (prefixPosition < prefix.Length && !buffer.IsEmpty)
        {
            var count = Math.Min(buffer.Length, prefix.Length - prefixPosition);
            prefix.AsSpan(prefixPosition, count).CopyTo(buffer);
            prefixPosition += count;
            return count;
        }

        return inner.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
