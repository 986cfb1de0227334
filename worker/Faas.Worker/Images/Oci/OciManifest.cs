namespace Faas.Worker.Images.Oci;

/// <summary>An OCI image manifest or a Docker image manifest (schema 2).</summary>
internal sealed record OciManifest(int SchemaVersion, string? MediaType, OciDescriptor? Config, IReadOnlyList<OciDescriptor>? Layers);
