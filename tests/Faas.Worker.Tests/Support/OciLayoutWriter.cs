using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Faas.Worker.Tests.Support;

/// <summary>Writes an OCI image layout by hand: blobs, configs, manifests, indexes and index.json.</summary>
public sealed class OciLayoutWriter
{
    public const string ManifestType = "application/vnd.oci.image.manifest.v1+json";
    public const string IndexType = "application/vnd.oci.image.index.v1+json";

    private readonly List<(string Tag, Blob Blob)> tags = [];

    public OciLayoutWriter(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "blobs", "sha256"));
        File.WriteAllText(Path.Combine(directory, "oci-layout"), """{"imageLayoutVersion":"1.0.0"}""");
        WriteIndex();
    }

    public string Directory { get; }

    public static string DigestOf(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public Blob AddBlob(byte[] content, string mediaType)
    {
        var digest = DigestOf(content);
        File.WriteAllBytes(Path.Combine(Directory, "blobs", "sha256", digest["sha256:".Length..]), content);
        return new Blob(mediaType, digest, content.Length);
    }

    /// <summary>Writes layers, config and manifest; returns the manifest's descriptor (with its platform).</summary>
    public Blob AddImage(ImageSpec image)
    {
        var layers = new JsonArray();
        var diffIds = new JsonArray();
        foreach (var (layer, compression) in image.Layers)
        {
            var tar = layer.ToTar();
            diffIds.Add(DigestOf(tar));
            var mediaType = compression switch
            {
                Compression.Gzip => "application/vnd.oci.image.layer.v1.tar+gzip",
                Compression.Zstd => "application/vnd.oci.image.layer.v1.tar+zstd",
                _ => "application/vnd.oci.image.layer.v1.tar",
            };
            layers.Add(ToJson(AddBlob(TarLayer.Compress(tar, compression), mediaType)));
        }

        var containerConfig = new JsonObject();
        if (image.Entrypoint is not null)
        {
            containerConfig["Entrypoint"] = new JsonArray(image.Entrypoint.Select(value => (JsonNode)JsonValue.Create(value)!).ToArray());
        }

        if (image.Cmd is not null)
        {
            containerConfig["Cmd"] = new JsonArray(image.Cmd.Select(value => (JsonNode)JsonValue.Create(value)!).ToArray());
        }

        containerConfig["Env"] = new JsonArray(image.Env.Select(value => (JsonNode)JsonValue.Create(value)!).ToArray());
        if (image.WorkingDir is not null)
        {
            containerConfig["WorkingDir"] = image.WorkingDir;
        }

        if (image.User is not null)
        {
            containerConfig["User"] = image.User;
        }

        var ports = new JsonObject();
        foreach (var port in image.ExposedPorts)
        {
            ports[port] = new JsonObject();
        }

        containerConfig["ExposedPorts"] = ports;
        var config = new JsonObject
        {
            ["architecture"] = image.Architecture,
            ["os"] = "linux",
            ["config"] = containerConfig,
            ["rootfs"] = new JsonObject { ["type"] = "layers", ["diff_ids"] = diffIds },
        };
        var configBlob = AddBlob(Encoding.UTF8.GetBytes(config.ToJsonString()), "application/vnd.oci.image.config.v1+json");
        var manifest = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = ManifestType,
            ["config"] = ToJson(configBlob),
            ["layers"] = layers,
        };
        return AddBlob(Encoding.UTF8.GetBytes(manifest.ToJsonString()), ManifestType) with { Architecture = image.Architecture };
    }

    public Blob AddIndex(params Blob[] manifests)
    {
        var entries = new JsonArray();
        foreach (var manifest in manifests)
        {
            var entry = ToJson(manifest);
            entry["platform"] = new JsonObject { ["architecture"] = manifest.Architecture, ["os"] = "linux" };
            entries.Add(entry);
        }

        var index = new JsonObject { ["schemaVersion"] = 2, ["mediaType"] = IndexType, ["manifests"] = entries };
        return AddBlob(Encoding.UTF8.GetBytes(index.ToJsonString()), IndexType);
    }

    public OciLayoutWriter Tag(string tag, Blob blob)
    {
        tags.Add((tag, blob));
        WriteIndex();
        return this;
    }

    /// <summary>Adds an image and tags it.</summary>
    public Blob AddImage(string tag, ImageSpec image)
    {
        var manifest = AddImage(image);
        Tag(tag, manifest);
        return manifest;
    }

    private void WriteIndex()
    {
        var manifests = new JsonArray();
        foreach (var (tag, blob) in tags)
        {
            var entry = ToJson(blob);
            entry["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = tag };
            manifests.Add(entry);
        }

        var index = new JsonObject { ["schemaVersion"] = 2, ["manifests"] = manifests };
        File.WriteAllText(Path.Combine(Directory, "index.json"), index.ToJsonString());
    }

    private static JsonObject ToJson(Blob blob) => new() { ["mediaType"] = blob.MediaType, ["digest"] = blob.Digest, ["size"] = blob.Size };
}
