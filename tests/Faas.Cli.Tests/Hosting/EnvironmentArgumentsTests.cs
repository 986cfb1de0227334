using Faas.Cli.Hosting;

namespace Faas.Cli.Tests.Hosting;

public sealed class EnvironmentArgumentsTests
{
    [Fact]
    public void Splits_at_the_first_equals_sign_and_keeps_the_rest()
    {
        Assert.True(EnvironmentArguments.TryParse(["A=1", "URL=http://x/?a=b", "EMPTY="], out var env, out _));

        Assert.Equal("1", env["A"]);
        Assert.Equal("http://x/?a=b", env["URL"]);
        Assert.Equal("", env["EMPTY"]);
    }

    [Theory]
    [InlineData("NOVALUE")]
    [InlineData("=value")]
    public void Rejects_entries_without_a_name_or_equals(string pair)
    {
        Assert.False(EnvironmentArguments.TryParse([pair], out _, out var error));

        Assert.Contains(pair, error, StringComparison.Ordinal);
    }
}
