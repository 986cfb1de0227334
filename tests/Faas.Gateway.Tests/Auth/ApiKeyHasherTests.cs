using Faas.Gateway.Auth;
using Faas.Scheduler.Tenants;

namespace Faas.Gateway.Tests.Auth;

public sealed class ApiKeyHasherTests
{
    [Fact]
    public void Hash_is_the_lower_case_hex_sha256_of_the_utf8_key()
    {
        // sha256("abc") from FIPS 180-2.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeyHasher.Hash("abc"));
    }

    [Fact]
    public void Hash_matches_what_the_tenant_directory_stores()
    {
        var key = ApiKeys.Generate();

        Assert.Equal(ApiKeys.Hash(key), ApiKeyHasher.Hash(key));
    }
}
