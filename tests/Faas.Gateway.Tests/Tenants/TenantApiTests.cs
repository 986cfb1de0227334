using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Gateway.Tests.Platform;
using Faas.Gateway.Tests.Support;

namespace Faas.Gateway.Tests.Tenants;

[Collection(PlatformGroup.Name)]
public sealed class TenantApiTests(PlatformFixture platform)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_creates_a_tenant_whose_key_works_once_shown()
    {
        using var created = await platform.SendAsync(HttpMethod.Post, "/system/tenants", platform.AdminKey, """{"name":"acme","admin":false}""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tenant = await created.Content.ReadFromJsonAsync<Created>(Json, Token);
        Assert.Equal("acme", tenant!.Tenant);
        Assert.False(tenant.Admin);
        Assert.StartsWith("faas_", tenant.ApiKey, StringComparison.Ordinal);

        using var functions = await platform.SendAsync(HttpMethod.Get, "/system/functions", tenant.ApiKey);
        Assert.Equal(HttpStatusCode.OK, functions.StatusCode);
        Assert.Equal("[]", await functions.Content.ReadAsStringAsync(Token));

        using var again = await platform.SendAsync(HttpMethod.Post, "/system/tenants", platform.AdminKey, """{"name":"acme"}""");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("acme", (await Problem.ReadAsync(again)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_lists_tenants_without_their_keys()
    {
        using var response = await platform.SendAsync(HttpMethod.Get, "/system/tenants", platform.AdminKey);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.Contains("""{"tenant":"default","admin":true}""", body, StringComparison.Ordinal);
        Assert.Contains("""{"tenant":"other","admin":false}""", body, StringComparison.Ordinal);
        Assert.DoesNotContain("apiKey", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name":"Not_A_Label"}""", "is not a valid tenant name")]
    [InlineData("""{"name":""}""", "is not a valid tenant name")]
    [InlineData("""{"name":"a1234567890123456789012345678901234567890"}""", "is not a valid tenant name")]
    [InlineData("""{"name":"ok","owner":"me"}""", "unknown field 'owner'")]
    [InlineData("""{"name":"ok","admin":"yes"}""", "field 'admin' has the wrong type")]
    [InlineData("""{"name":""", "the body must be")]
    public async Task A_bad_tenant_request_is_400(string json, string message)
    {
        using var response = await platform.SendAsync(HttpMethod.Post, "/system/tenants", platform.AdminKey, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, (await Problem.ReadAsync(response)).Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task A_key_that_is_not_an_admins_is_403(string method)
    {
        using var response = await platform.SendAsync(new HttpMethod(method), "/system/tenants", platform.OtherKey, method == "POST" ? """{"name":"sneaky"}""" : null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await Problem.ReadAsync(response);
    }

    private sealed record Created(string Tenant, string ApiKey, bool Admin);
}
