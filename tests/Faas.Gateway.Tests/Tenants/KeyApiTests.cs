using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Gateway.Tests.Platform;
using Faas.Gateway.Tests.Support;

namespace Faas.Gateway.Tests.Tenants;

[Collection(PlatformGroup.Name)]
public sealed class KeyApiTests(PlatformFixture platform)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tenant_rotates_its_key_and_the_old_one_stops_working_at_once()
    {
        var original = await CreateTenantAsync("rotating");
        using (var warm = await platform.SendAsync(HttpMethod.Get, "/system/functions", original))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        using var issuedResponse = await platform.SendAsync(HttpMethod.Post, "/system/keys", original);
        Assert.Equal(HttpStatusCode.Created, issuedResponse.StatusCode);
        Assert.Equal("no-store", issuedResponse.Headers.CacheControl?.ToString());
        var issued = (await issuedResponse.Content.ReadFromJsonAsync<Issued>(Json, Token))!;
        var listed = await ListAsync(issued.ApiKey);
        var originalId = Assert.Single(listed, key => !key.Current).Id;

        using var revoked = await platform.SendAsync(HttpMethod.Delete, $"/system/keys/{originalId}", issued.ApiKey);
        using var withOld = await platform.SendAsync(HttpMethod.Get, "/system/functions", original);
        using var withNew = await platform.SendAsync(HttpMethod.Get, "/system/functions", issued.ApiKey);
        using var last = await platform.SendAsync(HttpMethod.Delete, $"/system/keys/{issued.Id}", issued.ApiKey);

        Assert.Equal("rotating", issued.Tenant);
        Assert.Matches("^key_[0-9a-f]{12}$", issued.Id);
        Assert.Equal([issued.Id], listed.Where(key => key.Current).Select(key => key.Id));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
        Assert.Contains("only key", (await Problem.ReadAsync(last)).Detail, StringComparison.Ordinal);
        Assert.Equal([new KeyEntry(issued.Id, true)], await ListAsync(issued.ApiKey));
    }

    [Fact]
    public async Task Only_an_admin_manages_another_tenants_keys()
    {
        var key = await CreateTenantAsync("managed");
        var otherKey = await CreateTenantAsync("bystander");

        using var byOther = await platform.SendAsync(HttpMethod.Get, "/system/keys?tenant=managed", otherKey);
        using var issueByOther = await platform.SendAsync(HttpMethod.Post, "/system/keys?tenant=managed", otherKey);
        using var byAdmin = await platform.SendAsync(HttpMethod.Post, "/system/keys?tenant=managed", platform.AdminKey);
        var issued = (await byAdmin.Content.ReadFromJsonAsync<Issued>(Json, Token))!;
        var originalId = Assert.Single(await ListAsync(issued.ApiKey), entry => !entry.Current).Id;
        using var revokeByOther = await platform.SendAsync(HttpMethod.Delete, $"/system/keys/{originalId}?tenant=managed", otherKey);
        using var revokeOwnUnknown = await platform.SendAsync(HttpMethod.Delete, $"/system/keys/{originalId}", otherKey);
        using var revokeByAdmin = await platform.SendAsync(HttpMethod.Delete, $"/system/keys/{originalId}?tenant=managed", platform.AdminKey);
        using var noTenant = await platform.SendAsync(HttpMethod.Get, "/system/keys?tenant=nobody", platform.AdminKey);
        using var malformed = await platform.SendAsync(HttpMethod.Delete, "/system/keys/faas_not-an-id", otherKey);
        using var originalAfterRevoke = await platform.SendAsync(HttpMethod.Get, "/system/functions", key);

        Assert.Equal(HttpStatusCode.Forbidden, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, issueByOther.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
        Assert.Equal("managed", issued.Tenant);
        Assert.Equal(HttpStatusCode.Forbidden, revokeByOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revokeOwnUnknown.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revokeByAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noTenant.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, originalAfterRevoke.StatusCode);
    }

    private async Task<string> CreateTenantAsync(string name)
    {
        using var created = await platform.SendAsync(HttpMethod.Post, "/system/tenants", platform.AdminKey, $$"""{"name":"{{name}}"}""");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<Issued>(Json, Token))!.ApiKey;
    }

    private async Task<List<KeyEntry>> ListAsync(string key)
    {
        using var response = await platform.SendAsync(HttpMethod.Get, "/system/keys", key);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<KeyEntry>>(Json, Token))!;
    }

    private sealed record Issued(string Tenant, string Id, string ApiKey);

    private sealed record KeyEntry(string Id, bool Current);
}
