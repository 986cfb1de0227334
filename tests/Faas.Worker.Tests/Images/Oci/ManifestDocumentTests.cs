using System.Text;
using System.Text.Json;
using Faas.Worker.Images;
using Faas.Worker.Images.Oci;

namespace Faas.Worker.Tests.Images.Oci;

public sealed class ManifestDocumentTests
{
    private const string ManifestA = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private const string ManifestB = "sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    private const string ManifestC = "sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc";

    [Fact]
    public void Picks_linux_amd64_from_a_docker_manifest_list_preferring_no_variant()
    {
        var raw = Encoding.UTF8.GetBytes($$$"""
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.list.v2+json","manifests":[
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"{{{ManifestA}}}","size":1,"platform":{"architecture":"arm64","os":"linux","variant":"v8"}},
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"{{{ManifestB}}}","size":1,"platform":{"architecture":"amd64","os":"linux","variant":"v3"}},
              {"mediaType":"application/vnd.docker.distribution.manifest.v2+json","digest":"{{{ManifestC}}}","size":1,"platform":{"architecture":"amd64","os":"linux"}}]}
            """);

        var document = ManifestDocument.Parse(raw, "ref");

        Assert.Null(document.Manifest);
        Assert.Equal(BlobDigest.Of(raw), document.Digest);
        Assert.Equal(ManifestC, PlatformSelector.SelectManifest(document.Index!, "ref").Digest);
    }

    [Fact]
    public void Names_the_platforms_an_index_has_when_amd64_is_missing()
    {
        var index = new OciIndex(2, MediaTypes.OciIndex, [new OciDescriptor(MediaTypes.OciManifest, ManifestA, 1, new OciPlatform("arm64", "linux", "v8"), null)]);

        var exception = Assert.Throws<ImageException>(() => PlatformSelector.SelectManifest(index, "127.0.0.1:5000/arm:1"));

        Assert.Equal(ImageErrorKind.Unsupported, exception.Kind);
        Assert.Equal("image 127.0.0.1:5000/arm:1 has no linux/amd64 variant (it has: linux/arm64/v8).", exception.Message);
    }

    [Fact]
    public void Refuses_schema_1_manifests()
    {
        var exception = Assert.Throws<ImageException>(() => ManifestDocument.Parse("""{"schemaVersion":1,"name":"x"}"""u8, "ref"));

        Assert.Equal(ImageErrorKind.Unsupported, exception.Kind);
        Assert.Contains("manifest schema 1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_the_config_the_agent_needs()
    {
        var file = JsonSerializer.Deserialize(
            """{"architecture":"amd64","os":"linux","config":{"Entrypoint":["/app"],"Env":["A=1"],"ExposedPorts":{"8080/tcp":{},"53/udp":{},"9090":{},"bad/tcp":{}},"WorkingDir":"","User":""}}""",
            OciJsonContext.Default.OciImageConfigFile)!;

        var config = ImageConfigReader.Read(file);

        Assert.Equal(["/app"], config.Entrypoint);
        Assert.Empty(config.Cmd);
        Assert.Equal(["A=1"], config.Env);
        Assert.Null(config.WorkingDir);
        Assert.Null(config.User);
        Assert.Equal([53, 8080, 9090], config.ExposedPorts);
    }
}
