using Faas.Gateway.Http;

namespace Faas.Gateway.Tests.Http;

public sealed class DnsLabelTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("hello-world-2", true)]
    [InlineData("0abc", true)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("A", false)]
    [InlineData("a.b", false)]
    [InlineData("a_b", false)]
    [InlineData("_faas", false)]
    public void Names_are_dns_labels(string name, bool valid)
    {
        Assert.Equal(valid, DnsLabel.IsFunctionName(name));
    }

    [Fact]
    public void Function_names_stop_at_50_characters_and_tenant_names_at_40()
    {
        Assert.True(DnsLabel.IsFunctionName(new string('a', 50)));
        Assert.False(DnsLabel.IsFunctionName(new string('a', 51)));
        Assert.True(DnsLabel.IsValid(new string('a', 40), DnsLabel.MaxTenantNameLength));
        Assert.False(DnsLabel.IsValid(new string('a', 41), DnsLabel.MaxTenantNameLength));
    }
}
