using Faas.Gateway.Auth;
using Faas.Gateway.Hosting;
using Faas.Gateway.Tests.Support;
using Faas.Scheduler.Tenants;
using Microsoft.Extensions.Options;

namespace Faas.Gateway.Tests.Auth;

public sealed class AuthenticationCacheTests
{
    private static readonly TenantIdentity Acme = new("acme", IsAdmin: false);

    private readonly ManualTimeProvider _time = new();

    private AuthenticationCache Cache(int capacity = 100) => new(Options.Create(new GatewayOptions
    {
        AuthCacheTtl = TimeSpan.FromSeconds(30),
        AuthNegativeCacheTtl = TimeSpan.FromSeconds(2),
        AuthCacheCapacity = capacity,
    }), _time);

    [Fact]
    public void A_known_key_is_remembered_for_the_positive_ttl()
    {
        var cache = Cache();
        cache.Set("k", Acme);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(cache.TryGet("k", out var identity));
        Assert.Equal(Acme, identity);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(cache.TryGet("k", out _));
    }

    [Fact]
    public void An_unknown_key_is_remembered_as_unknown_for_the_negative_ttl()
    {
        var cache = Cache();
        cache.Set("nobody", null);

        _time.Advance(TimeSpan.FromSeconds(1.5));
        Assert.True(cache.TryGet("nobody", out var identity));
        Assert.Null(identity);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.False(cache.TryGet("nobody", out _));
    }

    [Fact]
    public void The_cache_never_holds_more_than_its_capacity_and_makes_room_from_expired_entries()
    {
        var cache = Cache(capacity: 3);
        cache.Set("a", null);
        cache.Set("b", null);
        cache.Set("c", Acme);
        cache.Set("d", Acme);

        Assert.Equal(3, cache.Count);
        Assert.False(cache.TryGet("d", out _));

        _time.Advance(TimeSpan.FromSeconds(3));
        cache.Set("d", Acme);

        Assert.True(cache.TryGet("d", out _));
        Assert.True(cache.TryGet("c", out _));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void An_entry_already_held_is_refreshed_even_when_full()
    {
        var cache = Cache(capacity: 1);
        cache.Set("a", Acme);
        _time.Advance(TimeSpan.FromSeconds(20));
        cache.Set("a", Acme);
        _time.Advance(TimeSpan.FromSeconds(20));

        Assert.True(cache.TryGet("a", out _));
    }
}
