using Faas.Common.Names;

namespace Faas.Gateway.Tests.Common.Names;

public sealed class DnsLabelTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("a-1", true)]
    [InlineData("hello-world-2", true)]
    [InlineData("0abc", true)]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("-a", false)]
    [InlineData("a-", false)]
    [InlineData("A", false)]
    [InlineData("Hello", false)]
    [InlineData("a.b", false)]
    [InlineData("a/b", false)]
    [InlineData("a_b", false)]
    [InlineData("_faas", false)]
    [InlineData("a\n", false)]
    public void Names_are_dns_labels(string? name, bool valid)
    {
        Assert.Equal(valid, DnsLabel.IsValid(name));
        Assert.Equal(valid, DnsLabel.IsFunctionName(name));
        Assert.Equal(valid, DnsLabel.IsTenantName(name));
    }

    [Fact]
    public void Labels_stop_at_63_characters_function_names_at_50_and_tenant_names_at_40()
    {
        Assert.True(DnsLabel.IsValid(new string('a', 63)));
        Assert.False(DnsLabel.IsValid(new string('a', 64)));
        Assert.True(DnsLabel.IsFunctionName(new string('a', 50)));
        Assert.False(DnsLabel.IsFunctionName(new string('a', 51)));
        Assert.True(DnsLabel.IsTenantName(new string('a', 40)));
        Assert.False(DnsLabel.IsTenantName(new string('a', 41)));
    }
}
