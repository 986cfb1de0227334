using System.Text;
using Faas.Guest.Agent.Session;
using Faas.Guest.Protocol;

namespace Faas.Guest.Agent.Tests.Session;

public sealed class OutputTailTests
{
    [Fact]
    public void Only_the_last_lines_are_kept()
    {
        var tail = new OutputTail();

        for (var i = 1; i <= 50; i++)
        {
            tail.Append(MessageType.Stdout, Encoding.UTF8.GetBytes($"line {i}\n"));
        }

        Assert.Equal(string.Concat(Enumerable.Range(31, 20).Select(i => $"line {i}\n")), tail.Text());
    }

    [Fact]
    public void Lines_split_across_chunks_are_joined_per_stream()
    {
        var tail = new OutputTail();

        tail.Append(MessageType.Stdout, "hel"u8);
        tail.Append(MessageType.Stderr, "err"u8);
        tail.Append(MessageType.Stdout, "lo\nwor"u8);
        tail.Append(MessageType.Stderr, "or\n"u8);
        tail.Append(MessageType.Stdout, "ld"u8);

        Assert.Equal("hello\nerror\nworld\n", tail.Text());
    }

    [Fact]
    public void Very_long_lines_are_cut()
    {
        var tail = new OutputTail();

        tail.Append(MessageType.Stdout, Encoding.ASCII.GetBytes(new string('x', 10_000) + "\nshort\n"));

        Assert.Equal(new string('x', OutputTail.MaxLineBytes) + "\nshort\n", tail.Text());
    }

    [Fact]
    public void No_output_is_an_empty_tail()
    {
        Assert.Equal(string.Empty, new OutputTail().Text());
    }
}
