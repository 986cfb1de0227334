using Faas.Gateway.Auth;
using Microsoft.Extensions.Primitives;

namespace Faas.Gateway.Tests.Auth;

public sealed class BearerTokenTests
{
    [Theory]
    [InlineData("Bearer faas_abc", "faas_abc")]
    [InlineData("bearer faas_abc", "faas_abc")]
    [InlineData("  Bearer   faas_abc  ", "faas_abc")]
    public void The_key_follows_the_bearer_scheme(string header, string key)
    {
        Assert.Equal(key, BearerToken.Parse(new StringValues(header)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearerfaas_abc")]
    [InlineData("Bearer two words")]
    public void Anything_else_is_no_key(string header)
    {
        Assert.Null(BearerToken.Parse(new StringValues(header)));
    }

    [Fact]
    public void Missing_or_repeated_headers_are_no_key()
    {
        Assert.Null(BearerToken.Parse(StringValues.Empty));
        Assert.Null(BearerToken.Parse(new StringValues(["Bearer a", "Bearer b"])));
    }
}
