namespace Faas.Worker.Images.Oci;

/// <summary>An OCI image index or a Docker manifest list; also the index.json of an image layout.</summary>
internal sealed record OciIndex(int SchemaVersion, string? MediaType, IReadOnlyList<OciDescriptor>? Manifests);
