using System.Net;
using System.Net.Http.Json;
using Faas.Worker.Snapshots.Transfer;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Snapshots.Transfer;

/// <summary>GET /_faas/snapshots/{key} and its files: only complete snapshots, only the files their manifest lists, nothing outside.</summary>
public sealed class SnapshotServingTests : IAsyncLifetime
{
    private static readonly string Key = HandmadeSnapshot.Key('a');
    private ServingWorker? _peer;
    private string _directory = "";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ServingWorker Peer => _peer!;

    public async ValueTask InitializeAsync()
    {
        _peer = await ServingWorker.StartAsync();
        _directory = HandmadeSnapshot.Write(Peer.CacheRoot.Path, Key);
        File.CreateSymbolicLink(Path.Combine(_directory, "vm", "passwd"), "/etc/passwd");
        Directory.CreateSymbolicLink(Path.Combine(_directory, "etc"), "/etc");
    }

    [Fact]
    public async Task The_manifest_lists_every_file_with_its_size_and_the_digest_the_worker_reports()
    {
        using var response = await Peer.Client.GetAsync($"/_faas/snapshots/{Key}", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var manifest = await response.Content.ReadFromJsonAsync(SnapshotTransferJsonContext.Default.SnapshotManifest, Token);
        Assert.Equal(Key, manifest!.Key);
        Assert.Equal(["function.json", "vm/memory", "vm/snapshot.json", "vm/state"], manifest.Files.Select(file => file.Path));
        Assert.Equal(HandmadeSnapshot.MemoryBytes, manifest.Files.Single(file => file.Path == "vm/memory").Size);
        Assert.Equal(SnapshotDigest.Compute(_directory), manifest.Digest);
        Assert.Equal(manifest.Digest, await Peer.Manager.GetSnapshotDigestAsync(Key, Token));
        Assert.Equal(manifest.Digest + "\n", await File.ReadAllTextAsync(Path.Combine(_directory, SnapshotFiles.DigestCacheFileName), Token));
        using var raw = await Peer.Client.GetAsync($"/_faas/snapshots/{Key}", Token);
        Assert.Contains("\"files\":[{\"path\":\"function.json\",\"size\":", await raw.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listed_file_is_served_whole_as_octets()
    {
        using var response = await Peer.Client.GetAsync($"/_faas/snapshots/{Key}/files/vm/state", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(10_000, response.Content.Headers.ContentLength);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(_directory, "vm", "state"), Token), await response.Content.ReadAsByteArrayAsync(Token));
    }

    [Fact]
    public async Task Unknown_or_incomplete_snapshots_are_404_and_malformed_keys_400()
    {
        var incomplete = HandmadeSnapshot.Write(Peer.CacheRoot.Path, HandmadeSnapshot.Key('b'));
        File.Delete(Path.Combine(incomplete, "function.json"));

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/_faas/snapshots/{HandmadeSnapshot.Key('c')}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/_faas/snapshots/{HandmadeSnapshot.Key('b')}"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/_faas/snapshots/{HandmadeSnapshot.Key('b')}/files/vm/state"));
        Assert.Null(await Peer.Manager.GetSnapshotDigestAsync(HandmadeSnapshot.Key('b'), Token));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync("/_faas/snapshots/abc"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync($"/_faas/snapshots/{new string('A', 64)}"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync($"/_faas/snapshots/{new string('A', 64)}/files/vm/state"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusAsync("/_faas/snapshots/..%2F..%2Fetc/files/passwd"));
    }

    [Theory]
    [InlineData("vm/nothing")]
    [InlineData("digest")]
    [InlineData("vm/passwd")]
    [InlineData("etc/passwd")]
    [InlineData("vm")]
    [InlineData("..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("vm%2F..%2F..%2F" + "function.json")]
    [InlineData("%2Fetc%2Fpasswd")]
    [InlineData("%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/etc/passwd")]
    public async Task Paths_the_manifest_does_not_list_are_never_served(string path)
    {
        _ = await Peer.Client.GetAsync($"/_faas/snapshots/{Key}", Token);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{Peer.Address.ToString().TrimEnd('/')}/_faas/snapshots/{Key}/files/{path}", UriKind.Absolute));

        using var response = await Peer.Client.SendAsync(request, Token);

        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{path}: {response.StatusCode}");
        Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        if (_peer is not null)
        {
            await _peer.DisposeAsync();
        }
    }

    private async Task<HttpStatusCode> StatusAsync(string path)
    {
        using var response = await Peer.Client.GetAsync(path, Token);
        return response.StatusCode;
    }
}
