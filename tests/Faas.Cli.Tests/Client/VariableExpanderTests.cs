using Faas.Cli.Client.Stack;

namespace Faas.Cli.Tests.Client;

public sealed class VariableExpanderTests
{
    private static readonly Dictionary<string, string> Variables = new() { ["TAG"] = "1.2", ["EMPTY"] = "" };

    private static string? Lookup(string name) => Variables.GetValueOrDefault(name);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("img:${TAG}", "img:1.2")]
    [InlineData("${MISSING:-latest}", "latest")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("[${EMPTY}]", "[]")]
    [InlineData("$HOME stays", "$HOME stays")]
    [InlineData("cost: $$5", "cost: $5")]
    [InlineData("trailing $", "trailing $")]
    public void Expands_references(string value, string expected)
    {
        Assert.True(VariableExpander.TryExpand(value, Lookup, out var expanded, out _));

        Assert.Equal(expected, expanded);
    }

    [Theory]
    [InlineData("${MISSING}", "MISSING is not set")]
    [InlineData("${TAG", "without its '}'")]
    [InlineData("${not a name}", "is not a variable reference")]
    public void Refuses_what_it_cannot_expand(string value, string message)
    {
        Assert.False(VariableExpander.TryExpand(value, Lookup, out _, out var error));

        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
