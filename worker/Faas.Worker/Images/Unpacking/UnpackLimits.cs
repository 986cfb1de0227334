namespace Faas.Worker.Images.Unpacking;

/// <summary>Bounds on what an image may unpack to, so a hostile or broken image cannot fill the disk.</summary>
internal sealed record UnpackLimits(long MaxFileBytes, long MaxTreeBytes, int MaxEntries);
