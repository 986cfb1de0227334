using System.Security.Cryptography;

namespace Faas.Worker.Images.Oci;

/// <summary>
/// Reads a blob while hashing it; reaching its end (or reading past its declared size) checks size and digest and throws
/// <see cref="ImageException"/> (<see cref="ImageErrorKind.DigestMismatch"/>) when either is wrong.
/// </summary>
internal sealed class VerifyingReadStream : Stream
{
    private readonly Stream inner;
    private readonly string digest;
    private readonly long expectedSize;
    private readonly string reference;
    private readonly Action? onMismatch;
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long bytesRead;

    public VerifyingReadStream(Stream inner, string digest, long expectedSize, string reference, Action? onMismatch = null)
    {
        this.inner = inner;
        this.digest = digest;
        this.expectedSize = expectedSize;
        this.reference = reference;
        this.onMismatch = onMismatch;
    }

    /// <summary>True once the whole blob was read and matched its digest.</summary>
    public bool Verified { get; private set; }

    public long BytesRead => bytesRead;

    public long ExpectedSize => expectedSize;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => bytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var read = inner.Read(buffer);
        Account(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Account(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Reads what is left of the blob and checks it.</summary>
    public void DrainAndVerify()
    {
        var buffer = new byte[81920];
        while (Read(buffer) > 0)
        {
        }

        if (!Verified)
        {
            Fail($"{bytesRead} bytes where {expectedSize} were expected");
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            hash.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Account(ReadOnlySpan<byte> data)
    {
        if (Verified)
        {
            return;
        }

        bytesRead += data.Length;
        if (bytesRead > expectedSize)
        {
            Fail($"it is larger than the {expectedSize} bytes its descriptor declares");
        }

        hash.AppendData(data);
        if (data.Length == 0)
        {
            if (bytesRead != expectedSize)
            {
                Fail($"{bytesRead} bytes where {expectedSize} were expected");
            }

            var actual = BlobDigest.Sha256Prefix + Convert.ToHexStringLower(hash.GetHashAndReset());
            if (actual != digest)
            {
                Fail($"its content hashes to {actual}");
            }

            Verified = true;
        }
    }

    private void Fail(string detail)
    {
        onMismatch?.Invoke();
        throw new ImageException(ImageErrorKind.DigestMismatch, reference, $"blob {digest} of {reference} does not match its digest: {detail}.")
        {
            BlobDigest = digest,
        };
    }
}
