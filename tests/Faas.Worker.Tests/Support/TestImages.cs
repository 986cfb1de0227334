using System.Text.Json.Nodes;

namespace Faas.Worker.Tests.Support;

/// <summary>Builds test images as OCI layouts and pushes them to a test registry.</summary>
public static class TestImages
{
    /// <summary>Pushes a one-platform image as <c>REPOSITORY:TAG</c>; returns the reference and the manifest written.</summary>
    public static async Task<(string Reference, Blob Manifest)> PushAsync(RegistryServer registry, string repository, ImageSpec image, string tag = "1")
    {
        using var layout = new TemporaryDirectory("faas-layout-");
        var manifest = new OciLayoutWriter(layout.Path).AddImage("source", image);
        await registry.PushAsync(layout.Path, "source", $"{repository}:{tag}");
        return ($"{registry.Host}/{repository}:{tag}", manifest);
    }

    /// <summary>A small image whose files say which image it is.</summary>
    public static ImageSpec Small(string name, Compression compression = Compression.Gzip) =>
        new([(new TarLayer().File("etc/image-name", name).File("bin/hello", "#!/bin/sh\necho hello\n", (UnixFileMode)0b111_101_101), compression)]);

    /// <summary>An image with a file of incompressible bytes, so its erofs image has about that size.</summary>
    public static ImageSpec Sized(string name, int bytes)
    {
        var content = new byte[bytes];
        new Random(name.GetHashCode(StringComparison.Ordinal)).NextBytes(content);
        return new([(new TarLayer().File("etc/image-name", name).File("data/random", content), Compression.Gzip)]);
    }

    /// <summary>The tags of the blob layout's index.json (pulls in progress).</summary>
    public static int LayoutTagCount(string imagesDirectory)
    {
        var index = Path.Combine(imagesDirectory, "blobs", "index.json");
        return File.Exists(index) ? JsonNode.Parse(File.ReadAllText(index))!["manifests"]!.AsArray().Count : 0;
    }

    public static IReadOnlyList<string> LayoutBlobs(string imagesDirectory)
    {
        var blobs = Path.Combine(imagesDirectory, "blobs", "blobs", "sha256");
        return Directory.Exists(blobs) ? Directory.EnumerateFiles(blobs).Select(path => "sha256:" + Path.GetFileName(path)).Order(StringComparer.Ordinal).ToList() : [];
    }
}
