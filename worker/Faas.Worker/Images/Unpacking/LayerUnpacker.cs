using System.Formats.Tar;
using Faas.Worker.Images.Oci;

namespace Faas.Worker.Images.Unpacking;

/// <summary>
/// Streams each layer blob from the layout through its digest check, decompression and <see cref="LayerApplier"/>, in order.
/// A layer is only accepted once its whole blob matched its digest; any failure leaves the tree for the caller to discard.
/// </summary>
internal static class LayerUnpacker
{
    private const long ProgressStepBytes = 1024 * 1024;

    public static void Unpack(BlobLayout layout, IReadOnlyList<OciDescriptor> layers, LayerApplier applier, string reference, Action<ImageProgress> report, CancellationToken cancellationToken)
    {
        for (var index = 0; index < layers.Count; index++)
        {
            var layer = layers[index];
            if (!MediaTypes.IsLayer(layer.MediaType))
            {
                throw new ImageException(ImageErrorKind.Unsupported, reference, $"layer {layer.Digest} of {reference} has media type '{layer.MediaType}', which is not a filesystem layer.")
                {
                    BlobDigest = layer.Digest,
                };
            }

            var number = index + 1;
            report(new ImageProgress(reference, ImagePhase.Unpacking, $"layer {number}/{layers.Count} {layer.Digest}", number, layers.Count, 0, layer.Size));
            using var blob = layout.OpenVerifiedBlob(layer, reference);
            ApplyLayer(blob, layer, applier, reference, reportedBytes =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                report(new ImageProgress(reference, ImagePhase.Unpacking, null, number, layers.Count, reportedBytes, layer.Size));
            });
            report(new ImageProgress(reference, ImagePhase.Unpacking, null, number, layers.Count, layer.Size, layer.Size));
        }
    }

    private static void ApplyLayer(VerifyingReadStream blob, OciDescriptor layer, LayerApplier applier, string reference, Action<long> onProgress)
    {
        var format = "tar";
        try
        {
            using var tar = LayerCompression.OpenTar(blob, out format);
            using (var reader = new TarReader(tar, leaveOpen: true))
            {
                var reported = 0L;
                applier.Apply(reader, () =>
                {
                    if (blob.BytesRead - reported >= ProgressStepBytes)
                    {
                        reported = blob.BytesRead;
                        onProgress(reported);
                    }
                });
            }

            tar.CopyTo(Stream.Null);
            blob.DrainAndVerify();
        }
        catch (UnsafeEntryException exception)
        {
            VerifyRest(blob);
            throw new ImageException(exception.Kind, reference, $"layer {layer.Digest} entry '{exception.EntryName}' {exception.Message} (image {reference})", exception)
            {
                BlobDigest = layer.Digest,
                EntryName = exception.EntryName,
            };
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or EndOfStreamException or ZstdSharp.ZstdException)
        {
            VerifyRest(blob);
            throw new ImageException(ImageErrorKind.Unsupported, reference, $"layer {layer.Digest} of {reference} is not a valid {format} tar archive: {exception.Message}", exception)
            {
                BlobDigest = layer.Digest,
            };
        }
    }

    /// <summary>A corrupt blob explains any other failure: report the digest mismatch rather than its symptom.</summary>
    private static void VerifyRest(VerifyingReadStream blob)
    {
        if (!blob.Verified)
        {
            blob.DrainAndVerify();
        }
    }
}
