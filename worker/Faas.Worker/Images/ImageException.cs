namespace Faas.Worker.Images;

/// <summary>An image could not be turned into a root filesystem. The message says what to fix.</summary>
public sealed class ImageException : Exception
{
    public ImageException()
    {
        Reference = "";
    }

    public ImageException(string message)
        : base(message)
    {
        Reference = "";
    }

    public ImageException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reference = "";
    }

    public ImageException(ImageErrorKind kind, string reference, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Reference = reference;
    }

    public ImageErrorKind Kind { get; } = ImageErrorKind.ToolFailed;

    /// <summary>The image reference, as the caller wrote it.</summary>
    public string Reference { get; }

    /// <summary>For <see cref="ImageErrorKind.DigestMismatch"/> and <see cref="ImageErrorKind.UnsafeLayer"/>: the blob at fault.</summary>
    public string? BlobDigest { get; init; }

    /// <summary>For <see cref="ImageErrorKind.UnsafeLayer"/> and <see cref="ImageErrorKind.LimitExceeded"/>: the layer entry at fault.</summary>
    public string? EntryName { get; init; }
}
