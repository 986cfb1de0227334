namespace Faas.Worker.Images.Oci;

/// <summary>Micro-VMs are x86-64 Linux: from an index, faas takes the linux/amd64 image.</summary>
internal static class PlatformSelector
{
    public const string Os = "linux";
    public const string Architecture = "amd64";

    /// <exception cref="ImageException">The index has no linux/amd64 image manifest.</exception>
    public static OciDescriptor SelectManifest(OciIndex index, string reference)
    {
        var candidates = (index.Manifests ?? [])
            .Where(descriptor => descriptor.Platform is { Os: Os, Architecture: Architecture } && BlobDigest.IsValid(descriptor.Digest))
            .ToList();
        var chosen = candidates.FirstOrDefault(descriptor => string.IsNullOrEmpty(descriptor.Platform!.Variant)) ?? candidates.FirstOrDefault();
        if (chosen is null)
        {
            var available = string.Join(", ", (index.Manifests ?? []).Select(descriptor => descriptor.Platform?.ToString() ?? "unknown platform"));
            throw new ImageException(ImageErrorKind.Unsupported, reference, $"image {reference} has no {Os}/{Architecture} variant (it has: {(available.Length == 0 ? "nothing" : available)}).");
        }

        return chosen;
    }

    /// <exception cref="ImageException">The image config names another OS or architecture.</exception>
    public static void EnsureSupported(OciImageConfigFile config, string reference)
    {
        if ((config.Os is { Length: > 0 } os && os != Os) || (config.Architecture is { Length: > 0 } architecture && architecture != Architecture))
        {
            throw new ImageException(ImageErrorKind.Unsupported, reference, $"image {reference} is built for {config.Os}/{config.Architecture}; micro-VMs run {Os}/{Architecture} images.");
        }
    }
}
