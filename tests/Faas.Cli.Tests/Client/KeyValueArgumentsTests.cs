using Faas.Cli.Client;

namespace Faas.Cli.Tests.Client;

public sealed class KeyValueArgumentsTests
{
    [Fact]
    public void Pairs_split_at_the_first_equals_and_the_last_one_wins()
    {
        Assert.True(KeyValueArguments.TryParse(["A=1", "URL=http://x/?a=b", "EMPTY=", "A=2"], "--env", out var values, out _));

        Assert.Equal(new Dictionary<string, string> { ["A"] = "2", ["URL"] = "http://x/?a=b", ["EMPTY"] = "" }, values);
    }

    [Theory]
    [InlineData("NOVALUE")]
    [InlineData("=value")]
    public void A_pair_without_key_or_equals_is_refused_naming_the_flag(string pair)
    {
        Assert.False(KeyValueArguments.TryParse([pair], "--label", out _, out var error));

        Assert.Equal($"--label '{pair}' is not KEY=VALUE", error);
    }

    [Fact]
    public void Headers_keep_order_and_repeats_and_trim_the_value()
    {
        Assert.True(KeyValueArguments.TryParseHeaders(["Content-Type: application/json", "X-A:1", "X-A: 2", "X-Empty:"], out var headers, out _));

        Assert.Equal(
            [new("Content-Type", "application/json"), new("X-A", "1"), new("X-A", "2"), new("X-Empty", "")],
            headers);
    }

    [Theory]
    [InlineData("NoColon")]
    [InlineData(": value")]
    [InlineData("Bad Name: value")]
    public void A_header_that_is_not_name_colon_value_is_refused(string header)
    {
        Assert.False(KeyValueArguments.TryParseHeaders([header], out _, out var error));

        Assert.Contains(header, error, StringComparison.Ordinal);
    }
}
