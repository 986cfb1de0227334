using Faas.Common.Names;
using Faas.Scheduler.Functions;
using Faas.Scheduler.Hosting;
using Orleans.Concurrency;

namespace Faas.Scheduler.Tenants;

/// <summary>
/// Every tenant and the hashes of its keys. Reentrant so that authentication (the gateway's hot path) never waits behind a write;
/// writes are serialized among themselves.
/// </summary>
[Reentrant]
[GrainType("faas.tenant-directory")]
internal sealed class TenantDirectoryGrain(
    [PersistentState("tenants", SchedulerOptions.StorageName)] IPersistentState<TenantDirectoryState> state)
    : Grain, ITenantDirectoryGrain
{
    private readonly TurnGate _writes = new();
    private readonly Dictionary<string, string> _tenantByKeyHash = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var tenant in state.State.Tenants.Values)
        {
            foreach (var hash in tenant.KeyHashes)
            {
                _tenantByKeyHash[hash] = tenant.Name;
            }
        }

        return Task.CompletedTask;
    }

    public async Task<TenantCredential?> EnsureFirstTenantAsync(string name)
    {
        await _writes.EnterAsync();
        try
        {
            if (state.State.Tenants.Count > 0)
            {
                return null;
            }

            var created = await CreateLockedAsync(name, isAdmin: true);
            return created.Credential ?? throw new ArgumentException(created.Error, nameof(name));
        }
        finally
        {
            _writes.Exit();
        }
    }

    public async Task<TenantCreation> CreateTenantAsync(string name, bool isAdmin)
    {
        await _writes.EnterAsync();
        try
        {
            return await CreateLockedAsync(name, isAdmin);
        }
        finally
        {
            _writes.Exit();
        }
    }

    public async Task<TenantCredential?> IssueKeyAsync(string tenant)
    {
        await _writes.EnterAsync();
        try
        {
            if (!state.State.Tenants.TryGetValue(tenant, out var record))
            {
                return null;
            }

            var key = ApiKeys.Generate();
            var hash = ApiKeys.Hash(key);
            record.KeyHashes.Add(hash);
            await state.WriteStateAsync();
            _tenantByKeyHash[hash] = record.Name;
            return new TenantCredential(new TenantIdentity(record.Name, record.IsAdmin), key);
        }
        finally
        {
            _writes.Exit();
        }
    }

    public Task<IReadOnlyList<string>?> ListKeysAsync(string tenant) =>
        Task.FromResult<IReadOnlyList<string>?>(
            tenant is not null && state.State.Tenants.TryGetValue(tenant, out var record) ? [.. record.KeyHashes.Select(ApiKeyIds.Of)] : null);

    public async Task<KeyRevocation> RevokeKeyAsync(string tenant, string keyId)
    {
        await _writes.EnterAsync();
        try
        {
            if (tenant is null || !state.State.Tenants.TryGetValue(tenant, out var record))
            {
                return new KeyRevocation(KeyRevocationStatus.NoSuchTenant);
            }

            if (record.KeyHashes.Find(hash => ApiKeyIds.Of(hash) == keyId) is not { } revoked)
            {
                return new KeyRevocation(KeyRevocationStatus.NoSuchKey);
            }

            if (record.KeyHashes.Count == 1)
            {
                return new KeyRevocation(KeyRevocationStatus.LastKey);
            }

            _tenantByKeyHash.Remove(revoked);
            var position = record.KeyHashes.IndexOf(revoked);
            record.KeyHashes.RemoveAt(position);
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                record.KeyHashes.Insert(position, revoked);
                _tenantByKeyHash[revoked] = record.Name;
                throw;
            }

            return new KeyRevocation(KeyRevocationStatus.Revoked, revoked);
        }
        finally
        {
            _writes.Exit();
        }
    }

    public Task<TenantIdentity?> AuthenticateAsync(string keySha256Hex)
    {
        var identity = keySha256Hex is not null
            && _tenantByKeyHash.TryGetValue(keySha256Hex.ToLowerInvariant(), out var name)
            && state.State.Tenants.TryGetValue(name, out var record)
                ? new TenantIdentity(record.Name, record.IsAdmin)
                : null;
        return Task.FromResult(identity);
    }

    public Task<IReadOnlyList<TenantIdentity>> ListAsync() =>
        Task.FromResult<IReadOnlyList<TenantIdentity>>(
            [.. state.State.Tenants.Values.OrderBy(tenant => tenant.Name, StringComparer.Ordinal).Select(tenant => new TenantIdentity(tenant.Name, tenant.IsAdmin))]);

    private async Task<TenantCreation> CreateLockedAsync(string name, bool isAdmin)
    {
        if (!DnsLabel.IsTenantName(name))
        {
            return new TenantCreation(null, $"'{name}' is not a valid tenant name: use 1-{DnsLabel.MaxTenantNameLength} lowercase letters, digits and '-', starting and ending with a letter or digit");
        }

        if (state.State.Tenants.ContainsKey(name))
        {
            return new TenantCreation(null, $"tenant '{name}' already exists");
        }

        var key = ApiKeys.Generate();
        var hash = ApiKeys.Hash(key);
        state.State.Tenants[name] = new TenantRecord { Name = name, IsAdmin = isAdmin, CreatedAt = DateTimeOffset.UtcNow, KeyHashes = [hash] };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Tenants.Remove(name);
            throw;
        }

        _tenantByKeyHash[hash] = name;
        return new TenantCreation(new TenantCredential(new TenantIdentity(name, isAdmin), key));
    }
}
