using System.Text.Json;

namespace Faas.Worker.Images.Oci;

/// <summary>A manifest as fetched: either an index (several platforms) or an image manifest.</summary>
internal sealed record ManifestDocument(string Digest, OciIndex? Index, OciManifest? Manifest)
{
    /// <exception cref="ImageException">The bytes are not an image index or a schema 2 image manifest.</exception>
    public static ManifestDocument Parse(ReadOnlySpan<byte> raw, string reference)
    {
        var digest = BlobDigest.Of(raw);
        try
        {
            using var document = JsonDocument.Parse(raw.ToArray());
            var root = document.RootElement;
            var schemaVersion = root.TryGetProperty("schemaVersion", out var version) && version.ValueKind == JsonValueKind.Number ? version.GetInt32() : 0;
            if (schemaVersion != 2)
            {
                throw new ImageException(ImageErrorKind.Unsupported, reference, $"image {reference} uses manifest schema {schemaVersion}; only schema 2 (OCI or Docker v2) is supported: push it again with a current tool.");
            }

            var mediaType = root.TryGetProperty("mediaType", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString() : null;
            var isIndex = MediaTypes.IsIndex(mediaType) || (mediaType is null && root.TryGetProperty("manifests", out _));
            if (isIndex)
            {
                return new ManifestDocument(digest, root.Deserialize(OciJsonContext.Default.OciIndex), null);
            }

            var manifest = root.Deserialize(OciJsonContext.Default.OciManifest);
            if (manifest?.Config is null || manifest.Layers is null)
            {
                throw new ImageException(ImageErrorKind.Unsupported, reference, $"the manifest of {reference} has no config or no layers ({mediaType ?? "no media type"}); it is not a container image.");
            }

            return new ManifestDocument(digest, null, manifest);
        }
        catch (JsonException exception)
        {
            throw new ImageException(ImageErrorKind.Unsupported, reference, $"the manifest of {reference} is not valid JSON: {exception.Message}", exception);
        }
    }
}
