using System.Text.Json;
using System.Text.Json.Nodes;
using Faas.Worker.Images.Caching;

namespace Faas.Worker.Images.Oci;

/// <summary>
/// The OCI image layout skopeo copies every image into: its blobs are the pull cache (skopeo skips blobs already present).
/// Each pull adds a tag to index.json that is removed once the image is built. Writers must hold the layout's lock.
/// </summary>
internal sealed class BlobLayout
{
    public const string RefNameAnnotation = "org.opencontainers.image.ref.name";
    private const int MaxMetadataBlobBytes = 4 * 1024 * 1024;

    public BlobLayout(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    private string IndexPath => Path.Combine(Directory, "index.json");

    private string BlobsDirectory => Path.Combine(Directory, "blobs", "sha256");

    public string BlobPath(string digest) => Path.Combine(BlobsDirectory, BlobDigest.Hex(digest));

    /// <summary>Creates an empty layout if there is none yet. Call while holding the layout's lock.</summary>
    public void EnsureCreated()
    {
        System.IO.Directory.CreateDirectory(BlobsDirectory);
        var layoutFile = Path.Combine(Directory, "oci-layout");
        if (!File.Exists(layoutFile))
        {
            AtomicFile.WriteAllText(layoutFile, """{"imageLayoutVersion":"1.0.0"}""");
        }

        if (!File.Exists(IndexPath))
        {
            AtomicFile.WriteAllText(IndexPath, """{"schemaVersion":2,"manifests":[]}""");
        }
    }

    /// <exception cref="ImageException">The tag is not in index.json.</exception>
    public OciDescriptor FindTag(string tag, string reference)
    {
        var index = ReadIndex();
        return index.Manifests?.FirstOrDefault(descriptor => descriptor.Annotations?.GetValueOrDefault(RefNameAnnotation) == tag)
            ?? throw new ImageException(ImageErrorKind.ToolFailed, reference, $"skopeo reported success but the image cache has no entry '{tag}' for {reference}.");
    }

    /// <summary>Reads a manifest or config blob whole, checking it against its descriptor.</summary>
    public byte[] ReadVerifiedBlob(OciDescriptor descriptor, string reference)
    {
        if (descriptor.Size is < 0 or > MaxMetadataBlobBytes)
        {
            throw new ImageException(ImageErrorKind.Unsupported, reference, $"blob {descriptor.Digest} of {reference} declares {descriptor.Size} bytes; manifests and configs may have at most {MaxMetadataBlobBytes}.");
        }

        using var stream = OpenVerifiedBlob(descriptor, reference);
        var content = new MemoryStream((int)descriptor.Size);
        stream.CopyTo(content);
        stream.DrainAndVerify();
        return content.ToArray();
    }

    /// <summary>Opens a blob for streaming; reading it to the end checks it. A blob found corrupt is deleted so the next pull fetches it again.</summary>
    public VerifyingReadStream OpenVerifiedBlob(OciDescriptor descriptor, string reference)
    {
        if (!BlobDigest.IsValid(descriptor.Digest))
        {
            throw new ImageException(ImageErrorKind.Unsupported, reference, $"{reference} refers to a blob by '{descriptor.Digest}', which is not a sha256 digest.");
        }

        var path = BlobPath(descriptor.Digest);
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (FileNotFoundException exception)
        {
            throw new ImageException(ImageErrorKind.NotFound, reference, $"blob {descriptor.Digest} of {reference} is missing from the image cache; pull again.", exception)
            {
                BlobDigest = descriptor.Digest,
            };
        }

        return new VerifyingReadStream(file, descriptor.Digest, descriptor.Size, reference, () => DiscardBlob(descriptor.Digest));
    }

    public void DiscardBlob(string digest)
    {
        try
        {
            File.Delete(BlobPath(digest));
        }
        catch (IOException)
        {
            // Best effort: a blob that cannot be deleted is found corrupt again and reported the same way.
        }
    }

    /// <summary>Removes a pull's tag from index.json. Call while holding the layout's lock.</summary>
    public void RemoveTag(string tag)
    {
        if (!File.Exists(IndexPath))
        {
            return;
        }

        var index = JsonNode.Parse(File.ReadAllBytes(IndexPath))!.AsObject();
        if (index["manifests"] is not JsonArray manifests)
        {
            return;
        }

        var removed = false;
        for (var i = manifests.Count - 1; i >= 0; i--)
        {
            if (manifests[i]?["annotations"]?[RefNameAnnotation]?.GetValue<string>() == tag)
            {
                manifests.RemoveAt(i);
                removed = true;
            }
        }

        if (removed)
        {
            AtomicFile.WriteAllText(IndexPath, index.ToJsonString());
        }
    }

    /// <summary>
    /// Deletes every blob that is neither reachable from index.json (images being pulled) nor listed in <paramref name="keep"/>
    /// (blobs of images in the rootfs cache). Call while holding the layout's lock.
    /// </summary>
    public long CollectGarbage(IEnumerable<string> keep)
    {
        var live = new HashSet<string>(keep, StringComparer.Ordinal);
        foreach (var descriptor in ReadIndex().Manifests ?? [])
        {
            MarkReachable(descriptor.Digest, live, depth: 0);
        }

        long freed = 0;
        if (!System.IO.Directory.Exists(BlobsDirectory))
        {
            return 0;
        }

        foreach (var file in new DirectoryInfo(BlobsDirectory).EnumerateFiles())
        {
            if (!live.Contains(BlobDigest.Sha256Prefix + file.Name))
            {
                freed += file.Length;
                file.Delete();
            }
        }

        return freed;
    }

    private void MarkReachable(string digest, HashSet<string> live, int depth)
    {
        if (!BlobDigest.IsValid(digest) || !live.Add(digest) || depth > 4)
        {
            return;
        }

        var path = BlobPath(digest);
        if (!File.Exists(path) || new FileInfo(path).Length > MaxMetadataBlobBytes)
        {
            return;
        }

        ManifestDocument document;
        try
        {
            document = ManifestDocument.Parse(File.ReadAllBytes(path), digest);
        }
        catch (ImageException)
        {
            return;
        }

        foreach (var child in document.Index?.Manifests ?? [])
        {
            MarkReachable(child.Digest, live, depth + 1);
        }

        if (document.Manifest is { } manifest)
        {
            live.Add(manifest.Config!.Digest);
            foreach (var layer in manifest.Layers!)
            {
                live.Add(layer.Digest);
            }
        }
    }

    private OciIndex ReadIndex()
    {
        if (!File.Exists(IndexPath))
        {
            return new OciIndex(2, null, []);
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllBytes(IndexPath), OciJsonContext.Default.OciIndex) ?? new OciIndex(2, null, []);
        }
        catch (JsonException exception)
        {
            throw new ImageException(ImageErrorKind.ToolFailed, "", $"the image cache index {IndexPath} is not valid JSON ({exception.Message}); delete the folder {Directory} to start afresh.", exception);
        }
    }
}
