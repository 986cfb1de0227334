using System.Text;
using Faas.Cli.Client;

namespace Faas.Cli.Tests.Client;

public sealed class InvocationBodyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Stream NoInput() => throw new InvalidOperationException("standard input is not read for this body");

    [Fact]
    public async Task Text_is_sent_as_utf8_text()
    {
        var body = InvocationBody.Parse("héllo @ world");

        using var content = body.CreateContent(NoInput);

        Assert.Equal(InvocationBodySource.Text, body.Source);
        Assert.Equal(Encoding.UTF8.GetBytes("héllo @ world"), await content.ReadAsByteArrayAsync(Token));
        Assert.Equal("text/plain", content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task At_file_sends_the_files_bytes_unchanged()
    {
        var path = Path.GetTempFileName();
        try
        {
            byte[] bytes = [.. Enumerable.Range(0, 256).Select(i => (byte)i)];
            await File.WriteAllBytesAsync(path, bytes, Token);
            var body = InvocationBody.Parse("@" + path);

            using var content = body.CreateContent(NoInput);

            Assert.Equal((InvocationBodySource.File, path), (body.Source, body.Value));
            Assert.Equal(bytes, await content.ReadAsByteArrayAsync(Token));
            Assert.Equal(256, content.Headers.ContentLength);
            Assert.Equal("application/octet-stream", content.Headers.ContentType?.MediaType);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task At_dash_streams_standard_input()
    {
        var body = InvocationBody.Parse("@-");

        using var content = body.CreateContent(() => new MemoryStream([9, 8, 7]));

        Assert.Equal(InvocationBodySource.StandardInput, body.Source);
        Assert.Equal([9, 8, 7], await content.ReadAsByteArrayAsync(Token));
    }

    [Fact]
    public void At_a_missing_file_names_it()
    {
        var e = Assert.Throws<FileNotFoundException>(() => InvocationBody.Parse("@/no/such/body.bin").CreateContent(NoInput));

        Assert.Contains("/no/such/body.bin", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_at_sign_is_text()
    {
        Assert.Equal((InvocationBodySource.Text, "@"), (InvocationBody.Parse("@").Source, InvocationBody.Parse("@").Value));
    }
}
