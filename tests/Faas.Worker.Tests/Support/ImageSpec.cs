namespace Faas.Worker.Tests.Support;

/// <summary>A test image: its layers (lowest first) and what its config says.</summary>
public sealed record ImageSpec(IReadOnlyList<(TarLayer Layer, Compression Compression)> Layers)
{
    public string Architecture { get; init; } = "amd64";

    public IReadOnlyList<string>? Entrypoint { get; init; } = ["/bin/hello"];

    public IReadOnlyList<string>? Cmd { get; init; } = ["--port", "8080"];

    public IReadOnlyList<string> Env { get; init; } = ["PATH=/usr/local/bin:/usr/bin:/bin", "GREETING=hello"];

    public string? WorkingDir { get; init; } = "/srv";

    public string? User { get; init; } = "1000:1000";

    public IReadOnlyList<string> ExposedPorts { get; init; } = ["8080/tcp"];

    public static ImageSpec Of(params TarLayer[] layers) => new(layers.Select(layer => (layer, Compression.Gzip)).ToList());
}
