using System.IO.Pipes;
using System.Text;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;
using Faas.Vmm.Agent;

namespace Faas.Vmm.Abstractions.Tests.Agent;

/// <summary>A client attached to a restored session picks up the output of a process started before the snapshot.</summary>
public sealed class AgentClientFollowTests : IAsyncDisposable
{
    private readonly AnonymousPipeServerStream _toHost = new(PipeDirection.Out);
    private readonly AnonymousPipeServerStream _toGuest = new(PipeDirection.In);
    private readonly FrameWriter _guestWriter;
    private readonly DuplexStream _hostSide;

    public AgentClientFollowTests()
    {
        _guestWriter = new FrameWriter(_toHost);
        _hostSide = new DuplexStream(
            new AnonymousPipeClientStream(PipeDirection.In, _toHost.ClientSafePipeHandle),
            new AnonymousPipeClientStream(PipeDirection.Out, _toGuest.ClientSafePipeHandle));
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Follow_routes_an_earlier_channels_output_and_exit()
    {
        await using var client = AgentClient.Attach(_hostSide, new HelloMessage("a", "6.1", 1), firstChannel: 7);
        var stdout = new StringBuilder();
        var followed = client.FollowAsync(3, new ExecOutput(c => { stdout.Append(Encoding.UTF8.GetString(c.Span)); return ValueTask.CompletedTask; }));

        await _guestWriter.WriteAsync(MessageType.Stdout, 3, "served GET /\n"u8.ToArray(), Token);
        await _guestWriter.WriteMessageAsync(MessageType.ExecExited, 3, new ExecExited(137, 9), MessageCodec.ExecExited, Token);

        var exit = await followed.WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.Equal((137, 9), (exit.ExitCode, exit.Signal));
        Assert.Equal("served GET /\n", stdout.ToString());
        Assert.Throws<InvalidOperationException>(() => { _ = client.FollowAsync(7, ExecOutput.Discard); _ = client.FollowAsync(7, ExecOutput.Discard); });
    }

    [Fact]
    public async Task Follow_ends_with_an_error_when_the_agent_channel_closes()
    {
        await using var client = AgentClient.Attach(_hostSide, new HelloMessage("a", "6.1", 1), firstChannel: 7);
        var followed = client.FollowAsync(3, ExecOutput.Discard);

        await _toHost.DisposeAsync();

        var exit = await followed.WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.Null(exit.ExitCode);
        Assert.NotNull(exit.Error);
    }

    public async ValueTask DisposeAsync()
    {
        _guestWriter.Dispose();
        await _toHost.DisposeAsync();
        await _toGuest.DisposeAsync();
        await _hostSide.DisposeAsync();
    }
}
