namespace Faas.Worker.Images.Oci;

internal sealed record OciDescriptor(string? MediaType, string Digest, long Size, OciPlatform? Platform, IReadOnlyDictionary<string, string>? Annotations);
