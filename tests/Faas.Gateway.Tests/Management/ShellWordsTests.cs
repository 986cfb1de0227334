using Faas.Gateway.Management;

namespace Faas.Gateway.Tests.Management;

public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("python3 /app/server.py", new[] { "python3", "/app/server.py" })]
    [InlineData("  a\t b \n c ", new[] { "a", "b", "c" })]
    [InlineData("echo 'a b' \"c d\"", new[] { "echo", "a b", "c d" })]
    [InlineData("echo a\\ b", new[] { "echo", "a b" })]
    [InlineData("echo \"a\\\"b\" 'it'\\''s'", new[] { "echo", "a\"b", "it's" })]
    [InlineData("echo $HOME ~ *", new[] { "echo", "$HOME", "~", "*" })]
    [InlineData("echo '' x", new[] { "echo", "", "x" })]
    public void Splits_like_a_shell_without_expansion(string line, string[] words)
    {
        Assert.Equal(words, ShellWords.Split(line, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("echo 'open", "a single quote is not closed")]
    [InlineData("echo \"open", "a double quote is not closed")]
    [InlineData("echo \\", "the command ends with a backslash")]
    public void Unfinished_quoting_is_an_error(string line, string message)
    {
        Assert.Null(ShellWords.Split(line, out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void Join_quotes_so_that_split_gives_the_words_back()
    {
        string[] words = ["sh", "-c", "echo 'hi' \"there\" $HOME", "", "plain/path.txt", "a=b"];
        var line = ShellWords.Join(words);

        Assert.Equal("sh -c 'echo '\\''hi'\\'' \"there\" $HOME' '' plain/path.txt a=b", line);
        Assert.Equal(words, ShellWords.Split(line, out _));
    }
}
