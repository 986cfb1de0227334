using Faas.Guest.Agent.Http;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Invocation;

/// <summary>
/// Runs the pure code of an invocation once ahead of the first one: the first use of the message serializers and the
/// HTTP parsers costs tens of milliseconds under emulation. Done before the function's readiness is reported, so a
/// snapshot taken then starts warm.
/// </summary>
internal static class InvocationWarmUp
{
    private static readonly byte[] SampleResponseHead = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 0\r\n\r\n"u8.ToArray();

    public static void Run(int port)
    {
        var request = new InvokeRequest("GET", "/", [new HttpHeader("Accept", "*/*")], port, 0);
        var decoded = MessageCodec.Decode(new Frame(MessageType.Invoke, 0, MessageCodec.Encode(request, MessageCodec.Invoke)), MessageCodec.Invoke);
        if (HttpRequestHead.Validate(decoded) is null)
        {
            _ = HttpRequestHead.Write(decoded, keepAlive: true);
        }

        var response = HttpResponseHeadParser.Parse(SampleResponseHead);
        _ = MessageCodec.Encode(new InvokeResponseHead(response.Status, response.Headers, response.ContentLength), MessageCodec.ResponseHead);
    }
}
