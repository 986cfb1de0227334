using System.Text;
using Faas.Worker.Snapshots;
using Faas.Worker.Snapshots.Transfer;
using Faas.Worker.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace Faas.Worker.Tests.Snapshots.Transfer;

/// <summary>Fetching a snapshot from a peer: sparse, verified against the trusted digest, and every failure a value naming its cause.</summary>
public sealed class SnapshotFetcherTests : IAsyncLifetime
{
    private const long Cap = 1L << 30;
    private static readonly string Key = HandmadeSnapshot.Key('a');
    private readonly TemporaryDirectory _into = new("faas-fetch-");
    private readonly HttpClient _http = new();
    private ServingWorker? _peer;
    private string _directory = "";
    private string _digest = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _peer = await ServingWorker.StartAsync();
        _directory = HandmadeSnapshot.Write(_peer.CacheRoot.Path, Key);
        _digest = SnapshotDigest.Compute(_directory);
    }

    [Fact]
    public async Task A_fetch_copies_every_file_writes_zero_blocks_as_holes_and_checks_the_digest()
    {
        var reports = new List<(long Done, long Total)>();

        var result = await Fetcher().FetchAsync(new SnapshotSource(_peer!.Address, Key, _digest), _into.Path, Cap, (done, total) => reports.Add((done, total)), Token);

        Assert.True(result.Succeeded, result.Error);
        foreach (var file in new[] { "function.json", "vm/memory", "vm/snapshot.json", "vm/state" })
        {
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_directory, file), Token), await File.ReadAllBytesAsync(Path.Combine(_into.Path, file), Token));
        }

        var memory = Path.Combine(_into.Path, "vm", "memory");
        Assert.Equal(HandmadeSnapshot.MemoryBytes, new FileInfo(memory).Length);
        Assert.True(AllocatedBytes.Of(memory) <= 64 * 1024, $"the fetched memory file takes {AllocatedBytes.Of(memory)} bytes of disk");
        Assert.True(result.DataBytes < 64 * 1024, $"{result.DataBytes} bytes written");
        Assert.Equal(SnapshotDigest.Compute(_directory), SnapshotDigest.Compute(_into.Path));
        Assert.Equal((result.Bytes, result.Bytes), reports[^1]);
    }

    [Fact]
    public async Task A_digest_other_than_the_trusted_one_fails_even_when_the_peer_announces_its_own()
    {
        var wrong = "sha256:" + new string('0', 64);

        var result = await Fetcher().FetchAsync(new SnapshotSource(_peer!.Address, Key, wrong), _into.Path, Cap, null, Token);

        Assert.False(result.Succeeded);
        Assert.Equal($"the files hash to {_digest}, not to the expected {wrong}", result.Error);
    }

    [Fact]
    public async Task An_unreachable_peer_an_unknown_key_and_a_size_cap_are_failures()
    {
        var unreachable = await Fetcher().FetchAsync(new SnapshotSource(new Uri("http://127.0.0.1:1/"), Key, _digest), _into.Path, Cap, null, Token);
        var unknown = await Fetcher().FetchAsync(new SnapshotSource(_peer!.Address, HandmadeSnapshot.Key('c'), _digest), _into.Path, Cap, null, Token);
        var capped = await Fetcher().FetchAsync(new SnapshotSource(_peer.Address, Key, _digest), _into.Path, HandmadeSnapshot.MemoryBytes, null, Token);

        Assert.Contains("ConnectionError", unreachable.Error, StringComparison.Ordinal);
        Assert.Equal("the peer answered 404 Not Found for the manifest", unknown.Error);
        Assert.Contains("more than", capped.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_into.Path));
    }

    [Fact]
    public async Task The_worker_key_is_sent_and_a_refusal_is_a_failure()
    {
        var seen = new List<string>();
        await using var peer = await PeerServer.StartAsync(async context =>
        {
            seen.Add(context.Request.Headers["X-Faas-Worker-Key"].ToString());
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsync("no", Token);
        });

        var result = await new SnapshotFetcher(_http, "s3cret", TimeSpan.FromSeconds(30)).FetchAsync(new SnapshotSource(peer.Address, Key, _digest), _into.Path, Cap, null, Token);

        Assert.Equal("the peer answered 401 Unauthorized for the manifest", result.Error);
        Assert.Equal(["s3cret"], seen);
    }

    [Theory]
    [InlineData("""{"key":"KEY","digest":"D","files":[{"path":"../escape","size":1}]}""", "unacceptable path")]
    [InlineData("""{"key":"KEY","digest":"D","files":[{"path":"/etc/passwd","size":1}]}""", "unacceptable path")]
    [InlineData("""{"key":"KEY","digest":"D","files":[{"path":"digest","size":1}]}""", "digest cache")]
    [InlineData("""{"key":"KEY","digest":"D","files":[{"path":"a","size":-5}]}""", "negative")]
    [InlineData("""{"key":"KEY","digest":"D","files":[]}""", "0 files")]
    [InlineData("""{"key":"KEY","digest":"D","files":[{"path":"a","size":3}]}""", "longer than the 3 bytes")]
    [InlineData("""{"key":"KEY","digest":"D","files":[{"path":"a","size":30}]}""", "ended after 10 of its 30 bytes")]
    [InlineData("""not json""", "not valid JSON")]
    public async Task A_peer_that_lies_gets_nothing_written_outside_the_directory(string manifest, string error)
    {
        await using var peer = await PeerServer.StartAsync(async context =>
        {
            if (context.Request.Path.Value!.Contains("/files/", StringComparison.Ordinal))
            {
                await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("0123456789"), Token);
                return;
            }

            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(manifest.Replace("KEY", Key, StringComparison.Ordinal), Token);
        });
        var outside = Path.Combine(Path.GetDirectoryName(_into.Path)!, "escape");

        var result = await Fetcher().FetchAsync(new SnapshotSource(peer.Address, Key, _digest), _into.Path, Cap, null, Token);

        Assert.Contains(error, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(outside));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _into.Dispose();
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }
    }

    private SnapshotFetcher Fetcher() => new(_http, null, TimeSpan.FromSeconds(30));
}
