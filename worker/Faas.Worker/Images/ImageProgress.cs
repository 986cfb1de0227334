namespace Faas.Worker.Images;

/// <summary>One step of preparing an image, for drawing progress.</summary>
/// <param name="Reference">The image being prepared.</param>
/// <param name="Phase">The current step.</param>
/// <param name="Detail">A human-readable line, e.g. "Copying blob sha256:…", or null.</param>
/// <param name="LayerIndex">While unpacking: the layer being applied, counted from 1; otherwise 0.</param>
/// <param name="LayerCount">The number of layers once known; otherwise 0.</param>
/// <param name="BytesDone">While unpacking: compressed bytes of the layer read so far.</param>
/// <param name="BytesTotal">While unpacking: the compressed size of the layer.</param>
public sealed record ImageProgress(
    string Reference,
    ImagePhase Phase,
    string? Detail = null,
    int LayerIndex = 0,
    int LayerCount = 0,
    long BytesDone = 0,
    long BytesTotal = 0);
