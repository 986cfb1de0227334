namespace Faas.Guest.Artifacts.Initramfs;

/// <param name="Libraries">Absolute paths of the shared libraries and the dynamic loader, in ldd's order.</param>
/// <param name="Missing">Sonames ldd could not resolve.</param>
internal sealed record LddReport(IReadOnlyList<string> Libraries, IReadOnlyList<string> Missing);
