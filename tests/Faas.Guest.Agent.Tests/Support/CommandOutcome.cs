using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Tests.Support;

/// <summary>Everything the agent sent on one channel for one command.</summary>
internal sealed class CommandOutcome
{
    private readonly MemoryStream _stdout = new();
    private readonly MemoryStream _stderr = new();

    public List<Frame> Frames { get; } = [];

    public ExecStarted? Started { get; private set; }

    public ExecExited? Exited { get; private set; }

    public string? Failure { get; private set; }

    public string? Error { get; private set; }

    public FunctionReady? Ready { get; private set; }

    public bool RootMounted { get; private set; }

    public byte[] Stdout => _stdout.ToArray();

    public byte[] Stderr => _stderr.ToArray();

    public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);

    public string StderrText => System.Text.Encoding.UTF8.GetString(Stderr);

    public bool IsComplete => Exited is not null || Failure is not null || Error is not null || RootMounted;

    public void Add(Frame frame)
    {
        Frames.Add(frame);
        switch (frame.Type)
        {
            case MessageType.ExecStarted:
                Started = MessageCodec.Decode(frame, MessageCodec.ExecStarted);
                break;
            case MessageType.Stdout:
                _stdout.Write(frame.Payload.Span);
                break;
            case MessageType.Stderr:
                _stderr.Write(frame.Payload.Span);
                break;
            case MessageType.ExecExited:
                Exited = MessageCodec.Decode(frame, MessageCodec.ExecExited);
                break;
            case MessageType.ExecFailed:
                Failure = MessageCodec.Decode(frame, MessageCodec.Error).Message;
                break;
            case MessageType.Error:
                Error = MessageCodec.Decode(frame, MessageCodec.Error).Message;
                break;
            case MessageType.FunctionReady:
                Ready = MessageCodec.Decode(frame, MessageCodec.FunctionReady);
                break;
            case MessageType.RootMounted:
                RootMounted = true;
                break;
            default:
                throw new InvalidOperationException($"unexpected {frame.Type} frame on channel {frame.Channel}");
        }
    }
}
