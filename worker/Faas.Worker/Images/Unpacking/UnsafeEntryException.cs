namespace Faas.Worker.Images.Unpacking;

/// <summary>A layer entry is refused; the layer's digest is added when this becomes an <see cref="ImageException"/>.</summary>
internal sealed class UnsafeEntryException : Exception
{
    public UnsafeEntryException()
    {
        EntryName = "";
    }

    public UnsafeEntryException(string message)
        : base(message)
    {
        EntryName = "";
    }

    public UnsafeEntryException(string message, Exception innerException)
        : base(message, innerException)
    {
        EntryName = "";
    }

    /// <param name="problem">Completes "entry 'NAME' …", e.g. "escapes the image root".</param>
    public UnsafeEntryException(string entryName, string problem, ImageErrorKind kind = ImageErrorKind.UnsafeLayer, Exception? innerException = null)
        : base(problem, innerException)
    {
        EntryName = entryName;
        Kind = kind;
    }

    public string EntryName { get; }

    public ImageErrorKind Kind { get; } = ImageErrorKind.UnsafeLayer;
}
