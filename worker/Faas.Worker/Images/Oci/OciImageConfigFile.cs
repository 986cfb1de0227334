namespace Faas.Worker.Images.Oci;

/// <summary>The parts of an OCI image config blob faas reads.</summary>
internal sealed record OciImageConfigFile(string? Architecture, string? Os, OciContainerConfig? Config);
