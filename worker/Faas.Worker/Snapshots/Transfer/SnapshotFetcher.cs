using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Faas.Worker.Snapshots.Transfer;

/// <summary>
/// Downloads a snapshot from a peer worker's control API into a directory: the manifest, then each file, written sparse (all-zero
/// blocks become holes) and hashed as it streams; succeeds only when the files hash to the digest the caller trusts.
/// </summary>
internal sealed class SnapshotFetcher(HttpClient http, string? workerKey, TimeSpan timeout)
{
    /// <summary>Blocks of this size that are all zero are skipped rather than written.</summary>
    public const int BlockBytes = 4096;

    private const int BufferBytes = 1 << 20;
    private const int MaxManifestBytes = 1 << 20;

    /// <summary>Fetches the snapshot into <paramref name="directory"/> (existing and empty). Failures are values; the directory is then left for the caller to delete.</summary>
    /// <param name="source">The peer, the key and the trusted digest.</param>
    /// <param name="directory">Where the files go.</param>
    /// <param name="maxTotalBytes">The most the files may add up to.</param>
    /// <param name="progress">Receives the bytes received so far and the total.</param>
    /// <param name="cancellationToken">Stops the fetch (and is then thrown, unlike a timeout, which is a failure).</param>
    public async Task<SnapshotFetchResult> FetchAsync(
        SnapshotSource source, string directory, long maxTotalBytes, Action<long, long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        long total = 0;
        long data = 0;
        try
        {
            if (!source.Worker.IsAbsoluteUri || source.Worker.Scheme is not ("http" or "https"))
            {
                throw new SnapshotFetchException($"'{source.Worker}' is not an http or https address");
            }

            if (!SnapshotDigest.IsWellFormed(source.Digest))
            {
                throw new SnapshotFetchException($"the expected digest '{source.Digest}' is not of the form sha256:HEX");
            }

            var manifest = await GetManifestAsync(source, maxTotalBytes, deadline.Token).ConfigureAwait(false);
            total = manifest.Files.Sum(file => file.Size);
            using var digest = new SnapshotDigest();
            long received = 0;
            foreach (var file in manifest.Files.OrderBy(file => file.Path, StringComparer.Ordinal))
            {
                digest.BeginFile(file.Path, file.Size);
                data += await DownloadAsync(source, file, directory, digest, done => progress?.Invoke(received + done, total), deadline.Token).ConfigureAwait(false);
                received += file.Size;
            }

            var actual = digest.Finish();
            if (!string.Equals(actual, source.Digest, StringComparison.Ordinal))
            {
                throw new SnapshotFetchException($"the files hash to {actual}, not to the expected {source.Digest}");
            }

            return new SnapshotFetchResult(null, total, data, clock.Elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed($"it took longer than {timeout.TotalSeconds:0.#} s");
        }
        catch (SnapshotFetchException e)
        {
            return Failed(e.Message);
        }
        catch (HttpRequestException e)
        {
            return Failed(e.HttpRequestError == HttpRequestError.Unknown ? e.Message : $"{e.HttpRequestError}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(e.Message);
        }

        SnapshotFetchResult Failed(string error) => new(error, total, data, clock.Elapsed);
    }

    private async Task<SnapshotManifest> GetManifestAsync(SnapshotSource source, long maxTotalBytes, CancellationToken cancellationToken)
    {
        using var request = Request(source, $"_faas/snapshots/{Uri.EscapeDataString(source.Key)}");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        EnsureOk(response, "the manifest");
        if (response.Content.Headers.ContentLength > MaxManifestBytes)
        {
            throw new SnapshotFetchException($"the manifest is larger than {MaxManifestBytes} bytes");
        }

        var body = new byte[MaxManifestBytes + 1];
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var length = await stream.ReadAtLeastAsync(body, body.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (length > MaxManifestBytes)
            {
                throw new SnapshotFetchException($"the manifest is larger than {MaxManifestBytes} bytes");
            }

            SnapshotManifest? manifest;
            try
            {
                manifest = JsonSerializer.Deserialize(body.AsSpan(0, length), SnapshotTransferJsonContext.Default.SnapshotManifest);
            }
            catch (JsonException e)
            {
                throw new SnapshotFetchException($"the manifest is not valid JSON: {e.Message}", e);
            }

            if (ManifestCheck.Problem(manifest, source.Key, maxTotalBytes) is { } problem)
            {
                throw new SnapshotFetchException(problem);
            }

            return manifest!;
        }
    }

    /// <summary>Streams one file into place, hashing it; returns the bytes actually written (holes excluded).</summary>
    private async Task<long> DownloadAsync(
        SnapshotSource source, SnapshotFile file, string directory, SnapshotDigest digest, Action<long> progress, CancellationToken cancellationToken)
    {
        var escaped = string.Join('/', file.Path.Split('/').Select(Uri.EscapeDataString));
        using var request = Request(source, $"_faas/snapshots/{Uri.EscapeDataString(source.Key)}/files/{escaped}");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        EnsureOk(response, $"'{file.Path}'");
        if (response.Content.Headers.ContentLength is { } length && length != file.Size)
        {
            throw new SnapshotFetchException($"'{file.Path}' has {length} bytes, the manifest says {file.Size}");
        }

        var path = Path.Combine(directory, file.Path.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        using var output = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 0,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        });
        var handle = output.SafeFileHandle;
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[BufferBytes];
            long offset = 0;
            long written = 0;
            long reported = 0;
            while (true)
            {
                var count = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                if (count == 0)
                {
                    break;
                }

                if (offset + count > file.Size)
                {
                    throw new SnapshotFetchException($"'{file.Path}' is longer than the {file.Size} bytes the manifest says");
                }

                var chunk = buffer.AsMemory(0, count);
                digest.Append(chunk.Span);
                written += WriteSparse(handle, chunk.Span, offset);
                offset += count;
                if (offset - reported >= 16 * BufferBytes)
                {
                    progress(offset);
                    reported = offset;
                }
            }

            if (offset != file.Size)
            {
                throw new SnapshotFetchException($"'{file.Path}' ended after {offset} of its {file.Size} bytes");
            }

            RandomAccess.SetLength(handle, file.Size);
            progress(offset);
            return written;
        }
    }

    /// <summary>Writes the non-zero 4 KiB blocks of <paramref name="chunk"/> at their offsets (runs of them in one write) and skips the rest.</summary>
    private static long WriteSparse(SafeFileHandle handle, ReadOnlySpan<byte> chunk, long offset)
    {
        long written = 0;
        var runStart = -1;
        for (var at = 0; at < chunk.Length; at += BlockBytes)
        {
            var end = Math.Min(at + BlockBytes, chunk.Length);
            if (chunk[at..end].ContainsAnyExcept((byte)0))
            {
                runStart = runStart < 0 ? at : runStart;
            }
            else if (runStart >= 0)
            {
                RandomAccess.Write(handle, chunk[runStart..at], offset + runStart);
                written += at - runStart;
                runStart = -1;
            }
        }

        if (runStart >= 0)
        {
            RandomAccess.Write(handle, chunk[runStart..], offset + runStart);
            written += chunk.Length - runStart;
        }

        return written;
    }

    private HttpRequestMessage Request(SnapshotSource source, string relative)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseOf(source.Worker), relative));
        if (!string.IsNullOrEmpty(workerKey))
        {
            request.Headers.TryAddWithoutValidation(Http.WorkerHeaders.WorkerKey, workerKey);
        }

        return request;
    }

    private static Uri BaseOf(Uri worker) =>
        worker.AbsolutePath.EndsWith('/') ? worker : new UriBuilder(worker) { Path = worker.AbsolutePath + "/" }.Uri;

    private static void EnsureOk(HttpResponseMessage response, string what)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new SnapshotFetchException($"the peer answered {(int)response.StatusCode} {response.ReasonPhrase} for {what}");
        }
    }
}
