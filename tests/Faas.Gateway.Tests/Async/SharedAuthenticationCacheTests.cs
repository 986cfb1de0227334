using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Faas.Gateway.Auth;
using Faas.Gateway.Routing;
using Faas.Gateway.Tests.Platform;

namespace Faas.Gateway.Tests.Async;

/// <summary>The authentication cache shared by gateways on Redis (the gateway with Redis of <see cref="AsyncGatewayFixture"/>).</summary>
[Collection(PlatformGroup.Name)]
public sealed class SharedAuthenticationCacheTests(PlatformFixture platform, AsyncGatewayFixture fixture) : IClassFixture<AsyncGatewayFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Answers_of_the_directory_are_shared_by_key_hash_with_ttls()
    {
        var client = await fixture.ClientAsync(platform);
        using (var known = await SendAsync(client, platform.OtherKey))
        {
            Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        }

        var unknownKey = $"faas_{Guid.NewGuid():N}";
        using (var unknown = await SendAsync(client, unknownKey))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        }

        var database = fixture.Redis.Database;
        var knownKey = SharedAuthenticationCache.Key(ApiKeyHasher.Hash(platform.OtherKey));
        Assert.Equal("t:other", (string?)await database.StringGetAsync(knownKey));
        var knownTtl = await database.KeyTimeToLiveAsync(knownKey);
        Assert.InRange(knownTtl!.Value, TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(30));
        var negativeKey = SharedAuthenticationCache.Key(ApiKeyHasher.Hash(unknownKey));
        Assert.Equal("-", (string?)await database.StringGetAsync(negativeKey));
        Assert.True(await database.KeyTimeToLiveAsync(negativeKey) <= TimeSpan.FromSeconds(2));

        var server = fixture.Redis.Connection.GetServer(fixture.Redis.Address);
        await foreach (var key in server.KeysAsync(pattern: "faas:auth:*"))
        {
            Assert.DoesNotContain(platform.OtherKey, (string?)key, StringComparison.Ordinal);
            Assert.DoesNotContain(platform.OtherKey, (string?)await database.StringGetAsync(key), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_answer_another_gateway_put_in_redis_is_used()
    {
        var client = await fixture.ClientAsync(platform);
        var sharedOnly = $"faas_{Guid.NewGuid():N}";
        await fixture.Redis.Database.StringSetAsync(SharedAuthenticationCache.Key(ApiKeyHasher.Hash(sharedOnly)), "t:other", TimeSpan.FromSeconds(30));

        using var response = await SendAsync(client, sharedOnly);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_key_another_gateway_revoked_stops_working_here_at_once_though_this_gateway_had_it_cached()
    {
        var client = await fixture.ClientAsync(platform);
        var directory = platform.Grains.GetGrain<Faas.Scheduler.Tenants.ITenantDirectoryGrain>(Faas.Scheduler.Tenants.ITenantDirectoryGrain.Key);
        var first = (await directory.CreateTenantAsync("revoked-elsewhere", isAdmin: false)).Credential!;
        await directory.IssueKeyAsync("revoked-elsewhere");
        using (var cached = await SendAsync(client, first.ApiKey))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        // As the gateway that revokes does: the directory forgets the key, then the shared cache marks it unknown and tells
        // every gateway (this one included) to forget its own answer.
        var hash = ApiKeyHasher.Hash(first.ApiKey);
        var revoked = await directory.RevokeKeyAsync("revoked-elsewhere", Faas.Scheduler.Tenants.ApiKeyIds.Of(hash));
        Assert.Equal(Faas.Scheduler.Tenants.KeyRevocationStatus.Revoked, revoked.Status);
        await fixture.Services.GetRequiredService<SharedAuthenticationCache>().RevokeAsync(hash);

        var refused = false;
        for (var attempt = 0; attempt < 20 && !refused; attempt++)
        {
            using var response = await SendAsync(client, first.ApiKey);
            refused = response.StatusCode == HttpStatusCode.Unauthorized;
            if (!refused)
            {
                await Task.Delay(100, Token);
            }
        }

        Assert.True(refused, "the revoked key still worked 2 s after the revocation was published (the cache keeps answers 30 s)");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string key)
    {
        using var request = PlatformFixture.Request(HttpMethod.Get, "/system/functions", key);
        return await client.SendAsync(request, Token);
    }
}
