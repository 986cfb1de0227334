using System.Text;
using Faas.Worker.Logs;

namespace Faas.Worker.Tests.Logs;

public sealed class LineAssemblerTests
{
    [Fact]
    public void Joins_chunks_into_lines_and_drops_line_breaks()
    {
        var lines = new List<string>();
        var assembler = new LineAssembler(lines.Add);

        assembler.Write("hel"u8);
        assembler.Write("lo\r\nwor"u8);
        assembler.Write("ld\n\nlast"u8);
        assembler.Flush();

        Assert.Equal(["hello", "world", "", "last"], lines);
    }

    [Fact]
    public void Splits_a_line_longer_than_the_limit()
    {
        var lines = new List<string>();
        var assembler = new LineAssembler(lines.Add, maxLineBytes: 4);

        assembler.Write(Encoding.UTF8.GetBytes("abcdefghij\n"));

        Assert.Equal(["abcd", "efgh", "ij"], lines);
    }
}
