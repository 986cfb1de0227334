namespace Faas.Worker.Images;

/// <summary>Why an image could not be prepared.</summary>
public enum ImageErrorKind
{
    /// <summary>The reference is not a valid image reference.</summary>
    InvalidReference,

    /// <summary>The registry, layout or archive has no such image.</summary>
    NotFound,

    /// <summary>The registry refused the credentials (or asked for some).</summary>
    Unauthorized,

    /// <summary>The registry could not be reached.</summary>
    Unreachable,

    /// <summary>A manifest, config or layer does not match its digest or size.</summary>
    DigestMismatch,

    /// <summary>A layer has an entry that is rejected: it escapes the image root, is a device node, or similar.</summary>
    UnsafeLayer,

    /// <summary>The image exceeds a size or entry-count limit.</summary>
    LimitExceeded,

    /// <summary>The image is for another platform, or uses a format faas does not read.</summary>
    Unsupported,

    /// <summary>An external tool (skopeo, mkfs.erofs) failed or could not be started.</summary>
    ToolFailed,
}
