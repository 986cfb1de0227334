using System.Collections.Concurrent;
using Faas.Gateway.Hosting;
using Faas.Scheduler.Tenants;
using Microsoft.Extensions.Options;

namespace Faas.Gateway.Auth;

/// <summary>
/// Recent answers of the tenant directory, keyed by key hash: known keys for <see cref="GatewayOptions.AuthCacheTtl"/>,
/// unknown ones for <see cref="GatewayOptions.AuthNegativeCacheTtl"/>. Holds at most <see cref="GatewayOptions.AuthCacheCapacity"/>
/// entries; when full, expired entries are dropped (at most once a second) and new ones are not kept until there is room.
/// </summary>
public sealed class AuthenticationCache(IOptions<GatewayOptions> options, TimeProvider time)
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly GatewayOptions _options = options.Value;
    private long _lastPrune;

    public int Count => _entries.Count;

    /// <returns>Whether the hash has a fresh answer; <paramref name="identity"/> is null when the key is known to be unknown.</returns>
    public bool TryGet(string keyHash, out TenantIdentity? identity)
    {
        if (_entries.TryGetValue(keyHash, out var entry) && entry.ExpiresAt > time.GetTimestamp())
        {
            identity = entry.Identity;
            return true;
        }

        identity = null;
        return false;
    }

    /// <summary>Forgets the answer for a key (it was revoked).</summary>
    public void Remove(string keyHash) => _entries.TryRemove(keyHash, out _);

    public void Set(string keyHash, TenantIdentity? identity)
    {
        var ttl = identity is null ? _options.AuthNegativeCacheTtl : _options.AuthCacheTtl;
        if (ttl <= TimeSpan.Zero || _options.AuthCacheCapacity <= 0)
        {
            return;
        }

        var now = time.GetTimestamp();
        if (_entries.Count >= _options.AuthCacheCapacity && !_entries.ContainsKey(keyHash))
        {
            Prune(now);
            if (_entries.Count >= _options.AuthCacheCapacity)
            {
                return;
            }
        }

        _entries[keyHash] = new Entry(identity, now + (long)(ttl.TotalSeconds * time.TimestampFrequency));
    }

    private void Prune(long now)
    {
        var last = Interlocked.Read(ref _lastPrune);
        if (last != 0 && now - last < (long)(PruneInterval.TotalSeconds * time.TimestampFrequency))
        {
            return;
        }

        if (Interlocked.CompareExchange(ref _lastPrune, now, last) != last)
        {
            return;
        }

        foreach (var (hash, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(hash, entry));
            }
        }
    }

    private sealed record Entry(TenantIdentity? Identity, long ExpiresAt);
}
