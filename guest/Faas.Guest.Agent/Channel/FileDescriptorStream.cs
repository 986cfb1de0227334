using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Channel;

/// <summary>
/// A blocking stream over a character device (virtio-serial port, console), with plain read and write calls:
/// such devices support neither seeking nor the runtime's async file I/O. Async calls complete synchronously.
/// </summary>
internal sealed class FileDescriptorStream(int fd, string name) : Stream
{
    private int _fd = fd;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override unsafe int Read(Span<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            while (true)
            {
                var read = LibC.read(Descriptor, start, buffer.Length);
                if (read >= 0)
                {
                    return (int)read;
                }

                ThrowUnlessInterrupted("read from");
            }
        }
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override unsafe void Write(ReadOnlySpan<byte> buffer)
    {
        fixed (byte* start = buffer)
        {
            var offset = 0;
            while (offset < buffer.Length)
            {
                var written = LibC.write(Descriptor, start + offset, buffer.Length - offset);
                if (written >= 0)
                {
                    offset += (int)written;
                    continue;
                }

                ThrowUnlessInterrupted("write to");
            }
        }
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        var fd = Interlocked.Exchange(ref _fd, -1);
        if (fd >= 0)
        {
            _ = LibC.close(fd);
        }

        base.Dispose(disposing);
    }

    private int Descriptor => _fd >= 0 ? _fd : throw new ObjectDisposedException(name);

    private void ThrowUnlessInterrupted(string operation)
    {
        var errno = Marshal.GetLastPInvokeError();
        if (errno != LibC.EINTR)
        {
            throw new IOException($"{operation} {name} failed: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }
    }
}
