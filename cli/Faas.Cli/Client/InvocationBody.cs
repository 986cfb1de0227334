using System.Net.Http.Headers;
using System.Text;

namespace Faas.Cli.Client;

/// <summary>The body of `faas invoke --data`: text as given, @FILE for a file's bytes, @- for standard input (read to its end first, so the request has a Content-Length: CGI-style servers refuse bodies without one).</summary>
public sealed record InvocationBody
{
    private InvocationBody(InvocationBodySource source, string value)
    {
        Source = source;
        Value = value;
    }

    public InvocationBodySource Source { get; }

    /// <summary>The text, or the file's path; empty for standard input.</summary>
    public string Value { get; }

    public static InvocationBody Parse(string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data switch
        {
            "@-" => new InvocationBody(InvocationBodySource.StandardInput, ""),
            ['@', .. var path] when path.Length > 0 => new InvocationBody(InvocationBodySource.File, path),
            _ => new InvocationBody(InvocationBodySource.Text, data),
        };
    }

    /// <summary>The request content: text/plain for text, application/octet-stream otherwise (a --header Content-Type replaces it).</summary>
    /// <exception cref="FileNotFoundException">@FILE names no file.</exception>
    public HttpContent CreateContent(Func<Stream> standardInput)
    {
        ArgumentNullException.ThrowIfNull(standardInput);
        HttpContent content = Source switch
        {
            InvocationBodySource.Text => new ByteArrayContent(Encoding.UTF8.GetBytes(Value)),
            InvocationBodySource.File => File.Exists(Value)
                ? new StreamContent(File.OpenRead(Value))
                : throw new FileNotFoundException($"--data @{Value}: no such file", Value),
            _ => new ByteArrayContent(ReadToEnd(standardInput())),
        };
        content.Headers.ContentType = Source == InvocationBodySource.Text
            ? new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" }
            : new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static byte[] ReadToEnd(Stream input)
    {
        using var buffer = new MemoryStream();
        input.CopyTo(buffer);
        return buffer.ToArray();
    }
}
