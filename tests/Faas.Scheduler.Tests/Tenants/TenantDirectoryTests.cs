using Faas.Scheduler.Tenants;
using Faas.Scheduler.Tests.Support;

namespace Faas.Scheduler.Tests.Tenants;

public sealed class TenantDirectoryTests
{
    [Fact]
    public async Task The_first_tenant_is_an_admin_created_once_and_keys_are_stored_only_as_hashes()
    {
        await using var cluster = await SchedulerCluster.StartAsync();
        var directory = cluster.Client.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);

        var first = await directory.EnsureFirstTenantAsync("default");
        var again = await directory.EnsureFirstTenantAsync("default");
        var acme = await directory.CreateTenantAsync("acme", isAdmin: false);
        var second = await directory.IssueKeyAsync("acme");

        Assert.NotNull(first);
        Assert.Null(again);
        Assert.Equal(new TenantIdentity("default", true), first.Identity);
        Assert.Matches("^faas_[A-Za-z0-9_-]{43}$", first.ApiKey);
        Assert.Equal(new TenantIdentity("default", true), await directory.AuthenticateAsync(ApiKeys.Hash(first.ApiKey)));
        Assert.Equal(new TenantIdentity("acme", false), await directory.AuthenticateAsync(ApiKeys.Hash(acme.Credential!.ApiKey)));
        Assert.Equal(new TenantIdentity("acme", false), await directory.AuthenticateAsync(ApiKeys.Hash(second!.ApiKey)));
        Assert.NotEqual(acme.Credential.ApiKey, second.ApiKey);
        Assert.Null(await directory.AuthenticateAsync(first.ApiKey));
        Assert.Null(await directory.AuthenticateAsync(ApiKeys.Hash("faas_unknown")));
        Assert.Null(await directory.IssueKeyAsync("nobody"));
        Assert.Equal([new TenantIdentity("acme", false), new TenantIdentity("default", true)], await directory.ListAsync());
        var stored = string.Concat(Directory.EnumerateFiles(cluster.DataDirectory, "*.json", SearchOption.AllDirectories).Select(File.ReadAllText));
        Assert.Contains(ApiKeys.Hash(first.ApiKey), stored, StringComparison.Ordinal);
        Assert.DoesNotContain(first.ApiKey, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(second.ApiKey, stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_are_listed_by_id_and_revoked_one_at_a_time_but_never_the_last_one()
    {
        await using var cluster = await SchedulerCluster.StartAsync(workers: [TestWorker.Create("w1")]);
        var directory = cluster.Client.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);
        var first = (await directory.CreateTenantAsync("acme", isAdmin: false)).Credential!;
        var second = (await directory.IssueKeyAsync("acme"))!;
        var firstId = ApiKeyIds.Of(ApiKeys.Hash(first.ApiKey));
        var secondId = ApiKeyIds.Of(ApiKeys.Hash(second.ApiKey));

        var listed = await directory.ListKeysAsync("acme");
        var unknownKey = await directory.RevokeKeyAsync("acme", "key_000000000000");
        var unknownTenant = await directory.RevokeKeyAsync("nobody", firstId);
        var revoked = await directory.RevokeKeyAsync("acme", firstId);
        var last = await directory.RevokeKeyAsync("acme", secondId);

        Assert.Equal([firstId, secondId], listed);
        Assert.Matches("^key_[0-9a-f]{12}$", firstId);
        Assert.True(ApiKeyIds.IsWellFormed(firstId));
        Assert.Null(await directory.ListKeysAsync("nobody"));
        Assert.Equal(KeyRevocationStatus.NoSuchKey, unknownKey.Status);
        Assert.Equal(KeyRevocationStatus.NoSuchTenant, unknownTenant.Status);
        Assert.Equal(new KeyRevocation(KeyRevocationStatus.Revoked, ApiKeys.Hash(first.ApiKey)), revoked);
        Assert.Equal(KeyRevocationStatus.LastKey, last.Status);
        Assert.Null(await directory.AuthenticateAsync(ApiKeys.Hash(first.ApiKey)));
        Assert.Equal(new TenantIdentity("acme", false), await directory.AuthenticateAsync(ApiKeys.Hash(second.ApiKey)));
        Assert.Equal([secondId], await directory.ListKeysAsync("acme"));
        Assert.DoesNotContain(ApiKeys.Hash(first.ApiKey), string.Concat(Directory.EnumerateFiles(cluster.DataDirectory, "*.json", SearchOption.AllDirectories).Select(File.ReadAllText)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("ac_me")]
    [InlineData("")]
    [InlineData("a123456789b123456789c123456789d123456789e")]
    public async Task Names_must_be_dns_labels_of_at_most_40_characters(string name)
    {
        await using var cluster = await SchedulerCluster.StartAsync(workers: [TestWorker.Create("w1")]);
        var directory = cluster.Client.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);

        var created = await directory.CreateTenantAsync(name, isAdmin: false);

        Assert.Null(created.Credential);
        Assert.Contains("not a valid tenant name", created.Error, StringComparison.Ordinal);
        Assert.Empty(await directory.ListAsync());
    }

    [Fact]
    public async Task A_taken_name_is_refused_and_a_forty_character_label_is_accepted()
    {
        await using var cluster = await SchedulerCluster.StartAsync(workers: [TestWorker.Create("w1")]);
        var directory = cluster.Client.GetGrain<ITenantDirectoryGrain>(ITenantDirectoryGrain.Key);
        var longest = new string('a', 39) + "1";

        var created = await directory.CreateTenantAsync(longest, isAdmin: true);
        var taken = await directory.CreateTenantAsync(longest, isAdmin: false);

        Assert.Equal(new TenantIdentity(longest, true), created.Credential!.Identity);
        Assert.Null(taken.Credential);
        Assert.Contains("already exists", taken.Error, StringComparison.Ordinal);
        Assert.Null(await directory.EnsureFirstTenantAsync("default"));
    }
}
