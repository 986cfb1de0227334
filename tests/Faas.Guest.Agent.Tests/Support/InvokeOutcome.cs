using System.Text;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Tests.Support;

/// <summary>Everything the agent sent on one channel for one invocation.</summary>
internal sealed class InvokeOutcome
{
    private readonly MemoryStream _body = new();

    public List<MessageType> FrameTypes { get; } = [];

    public List<int> BodyFrameSizes { get; } = [];

    public InvokeResponseHead? Head { get; private set; }

    public string? Error { get; private set; }

    public bool Ended { get; private set; }

    public bool IsComplete => Ended || Error is not null;

    public byte[] Body => _body.ToArray();

    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The values of the response header <paramref name="name"/>, in order.</summary>
    public IEnumerable<string> HeaderValues(string name) =>
        Head?.Headers.Where(header => header.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value) ?? [];

    public void Add(Frame frame)
    {
        FrameTypes.Add(frame.Type);
        switch (frame.Type)
        {
            case MessageType.ResponseHead:
                Assert.Null(Head);
                Head = MessageCodec.Decode(frame, MessageCodec.ResponseHead);
                break;
            case MessageType.ResponseBody:
                Assert.NotNull(Head);
                BodyFrameSizes.Add(frame.Payload.Length);
                _body.Write(frame.Payload.Span);
                break;
            case MessageType.ResponseEnd:
                Ended = true;
                break;
            case MessageType.Error:
                Error = MessageCodec.Decode(frame, MessageCodec.Error).Message;
                break;
            default:
                throw new InvalidOperationException($"unexpected {frame.Type} frame on invocation channel {frame.Channel}");
        }
    }
}
