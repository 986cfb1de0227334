using System.Net;
using Faas.Gateway.Tests.Platform;
using Faas.Gateway.Tests.Support;

namespace Faas.Gateway.Tests.Auth;

[Collection(PlatformGroup.Name)]
public sealed class AuthenticationTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("GET", "/function/hello")]
    [InlineData("POST", "/function/hello/echo")]
    [InlineData("GET", "/system/functions")]
    [InlineData("POST", "/system/functions")]
    [InlineData("GET", "/system/function/hello")]
    [InlineData("GET", "/system/logs?name=hello")]
    [InlineData("GET", "/system/tenants")]
    [InlineData("GET", "/system/nothing-here")]
    public async Task Without_a_key_every_path_but_health_and_metrics_is_401_with_a_bearer_challenge(string method, string path)
    {
        using var response = await platform.SendAsync(new HttpMethod(method), path, key: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var problem = await Problem.ReadAsync(response);
        Assert.Contains("API key", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_key_is_401()
    {
        using var response = await platform.SendAsync(HttpMethod.Get, "/system/functions", "faas_not-a-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("the API key is not valid", (await Problem.ReadAsync(response)).Detail);
    }

    [Fact]
    public async Task Another_scheme_is_not_a_key()
    {
        using var request = PlatformFixture.Request(HttpMethod.Get, "/system/functions", key: null);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic", "ZGVmYXVsdDp4");
        using var response = await platform.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_tenants_key_lists_only_its_own_functions()
    {
        await platform.EnsureSharedFunctionAsync();

        using var mine = await platform.SendAsync(HttpMethod.Get, "/system/functions", platform.AdminKey);
        using var theirs = await platform.SendAsync(HttpMethod.Get, "/system/functions", platform.OtherKey);

        Assert.Contains("\"name\":\"hello\"", await mine.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal("[]", await theirs.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData("GET", "/function/hello")]
    [InlineData("GET", "/function/hello/env/PORT")]
    [InlineData("GET", "/system/function/hello")]
    [InlineData("GET", "/system/logs?name=hello")]
    [InlineData("DELETE", "/system/functions?name=hello")]
    public async Task Another_tenants_function_is_simply_not_found(string method, string path)
    {
        await platform.EnsureSharedFunctionAsync();

        using var response = await platform.SendAsync(new HttpMethod(method), path, platform.OtherKey);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("hello", (await Problem.ReadAsync(response)).Function);
        using var stillThere = await platform.SendAsync(HttpMethod.Get, "/system/function/hello", platform.AdminKey);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }
}
