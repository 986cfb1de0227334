namespace Faas.Worker.Images.Oci;

internal sealed record OciPlatform(string? Architecture, string? Os, string? Variant)
{
    public override string ToString() => $"{Os}/{Architecture}{(string.IsNullOrEmpty(Variant) ? "" : "/" + Variant)}";
}
