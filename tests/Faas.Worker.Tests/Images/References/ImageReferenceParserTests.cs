using Faas.Worker.Images;
using Faas.Worker.Images.References;

namespace Faas.Worker.Tests.Images.References;

public sealed class ImageReferenceParserTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("127.0.0.1:5000/hello:1", "docker://127.0.0.1:5000/hello:1", "127.0.0.1:5000", "hello", true)]
    [InlineData("127.0.0.1:5000/team/hello", "docker://127.0.0.1:5000/team/hello:latest", "127.0.0.1:5000", "team/hello", true)]
    [InlineData("localhost:5000/hello:v2.1", "docker://localhost:5000/hello:v2.1", "localhost:5000", "hello", true)]
    [InlineData("[::1]:5000/hello:1", "docker://[::1]:5000/hello:1", "[::1]:5000", "hello", true)]
    [InlineData("127.3.4.5/hello", "docker://127.3.4.5/hello:latest", "127.3.4.5", "hello", true)]
    [InlineData("registry.example.com/app/api:1", "docker://registry.example.com/app/api:1", "registry.example.com", "app/api", false)]
    [InlineData("docker://ghcr.io/owner/app:main", "docker://ghcr.io/owner/app:main", "ghcr.io", "owner/app", false)]
    [InlineData("alpine", "docker://docker.io/library/alpine:latest", "docker.io", "library/alpine", false)]
    [InlineData("someone/app:2", "docker://docker.io/someone/app:2", "docker.io", "someone/app", false)]
    [InlineData("128.0.0.1:5000/hello:1", "docker://128.0.0.1:5000/hello:1", "128.0.0.1:5000", "hello", false)]
    public void Parses_registry_references(string text, string skopeoName, string host, string repository, bool loopback)
    {
        var reference = ImageReferenceParser.Parse(text);

        Assert.Equal(ImageTransport.Registry, reference.Transport);
        Assert.Equal(skopeoName, reference.SkopeoName);
        Assert.Equal(host, reference.RegistryHost);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(loopback, reference.IsLoopbackRegistry);
        Assert.Null(reference.Digest);
        Assert.Equal(text, reference.Original);
    }

    [Fact]
    public void Parses_a_reference_by_digest_and_pins_copies_to_the_resolved_manifest()
    {
        var reference = ImageReferenceParser.Parse($"127.0.0.1:5000/hello:1@{Digest}");

        Assert.Equal(Digest, reference.Digest);
        Assert.Equal($"docker://127.0.0.1:5000/hello:1@{Digest}", reference.SkopeoName);
        var other = "sha256:" + new string('f', 64);
        Assert.Equal($"docker://127.0.0.1:5000/hello@{other}", reference.PinnedSkopeoName(other));
    }

    [Theory]
    [InlineData("oci:/images/layout:1", "OciLayout", "oci:/images/layout:1")]
    [InlineData("oci:/images/layout", "OciLayout", "oci:/images/layout")]
    [InlineData("oci-archive:/images/app.tar:v1", "OciArchive", "oci-archive:/images/app.tar:v1")]
    [InlineData("docker-archive:/images/saved.tar", "DockerArchive", "docker-archive:/images/saved.tar")]
    public void Parses_local_sources(string text, string transport, string skopeoName)
    {
        var reference = ImageReferenceParser.Parse(text);

        Assert.Equal(Enum.Parse<ImageTransport>(transport), reference.Transport);
        Assert.Equal(skopeoName, reference.SkopeoName);
        Assert.Null(reference.RegistryHost);
        Assert.False(reference.IsLoopbackRegistry);
        Assert.Equal(skopeoName, reference.PinnedSkopeoName(Digest));
    }

    [Fact]
    public void Makes_local_paths_absolute()
    {
        var reference = ImageReferenceParser.Parse("oci:relative/layout:1");

        Assert.Equal($"oci:{Path.GetFullPath("relative/layout")}:1", reference.SkopeoName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("127.0.0.1:5000/Hello:1")]
    [InlineData("127.0.0.1:5000/hello:bad tag")]
    [InlineData("127.0.0.1:5000/hello@sha256:1234")]
    [InlineData("127.0.0.1:5000/hello@md5:0123456789abcdef0123456789abcdef")]
    [InlineData("127.0.0.1:5000/../etc:1")]
    [InlineData("oci:")]
    [InlineData("oci:/layout:")]
    public void Refuses_invalid_references(string text)
    {
        var exception = Assert.Throws<ImageException>(() => ImageReferenceParser.Parse(text));

        Assert.Equal(ImageErrorKind.InvalidReference, exception.Kind);
        Assert.Contains("is not a valid image reference", exception.Message, StringComparison.Ordinal);
    }
}
