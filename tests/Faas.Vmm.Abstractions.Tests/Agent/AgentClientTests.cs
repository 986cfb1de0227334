using System.IO.Pipes;
using System.Text;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;
using Faas.Vmm.Agent;

namespace Faas.Vmm.Abstractions.Tests.Agent;

/// <summary>The host client against a scripted agent speaking the real framing over a real pipe.</summary>
public sealed class AgentClientTests : IAsyncDisposable
{
    private readonly AnonymousPipeServerStream _toHost = new(PipeDirection.Out);
    private readonly AnonymousPipeServerStream _toGuest = new(PipeDirection.In);
    private readonly FrameWriter _guestWriter;
    private readonly FrameReader _guestReader;
    private readonly DuplexStream _hostSide;

    public AgentClientTests()
    {
        _guestWriter = new FrameWriter(_toHost);
        _guestReader = new FrameReader(_toGuest);
        _hostSide = new DuplexStream(
            new AnonymousPipeClientStream(PipeDirection.In, _toHost.ClientSafePipeHandle),
            new AnonymousPipeClientStream(PipeDirection.Out, _toGuest.ClientSafePipeHandle));
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_waits_for_hello_and_exposes_it()
    {
        await SayHelloAsync();

        await using var client = await AgentClient.ConnectAsync(_hostSide, Token);

        Assert.Equal("6.1.192", client.Hello.KernelRelease);
    }

    [Fact]
    public async Task Connect_fails_clearly_when_the_first_frame_is_not_hello()
    {
        await _guestWriter.WriteAsync(MessageType.Stdout, 1, new byte[] { 1 }, Token);

        var error = await Assert.ThrowsAsync<ProtocolException>(() => AgentClient.ConnectAsync(_hostSide, Token));

        Assert.Contains("expected the agent's hello", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_routes_output_by_stream_and_returns_the_exit_code()
    {
        await SayHelloAsync();
        await using var client = await AgentClient.ConnectAsync(_hostSide, Token);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var output = new ExecOutput(
            c => { stdout.Append(Encoding.UTF8.GetString(c.Span)); return ValueTask.CompletedTask; },
            c => { stderr.Append(Encoding.UTF8.GetString(c.Span)); return ValueTask.CompletedTask; });

        var exec = client.ExecAsync(new ExecRequest(["sh", "-c", "x"]), output, Token);
        var request = await _guestReader.ReadAsync(Token);
        Assert.NotNull(request);
        Assert.Equal(MessageType.Exec, request.Type);
        Assert.Equal(["sh", "-c", "x"], MessageCodec.Decode(request, MessageCodec.Exec).Argv);
        await _guestWriter.WriteAsync(MessageType.Stdout, request.Channel, "out"u8.ToArray(), Token);
        await _guestWriter.WriteAsync(MessageType.Stderr, request.Channel, "err"u8.ToArray(), Token);
        await _guestWriter.WriteMessageAsync(MessageType.ExecExited, request.Channel, new ExecExited(7), MessageCodec.ExecExited, Token);
        var result = await exec;

        Assert.Equal(7, result.ExitCode);
        Assert.Null(result.Error);
        Assert.Equal("out", stdout.ToString());
        Assert.Equal("err", stderr.ToString());
    }

    [Fact]
    public async Task Exec_failure_is_a_value_with_the_agents_message()
    {
        await SayHelloAsync();
        await using var client = await AgentClient.ConnectAsync(_hostSide, Token);

        var exec = client.ExecAsync(new ExecRequest(["/no/such/thing"]), cancellationToken: Token);
        var request = await _guestReader.ReadAsync(Token);
        await _guestWriter.WriteMessageAsync(MessageType.ExecFailed, request!.Channel, new ErrorMessage("cannot run '/no/such/thing': No such file or directory"), MessageCodec.Error, Token);
        var result = await exec;

        Assert.Null(result.ExitCode);
        Assert.Equal("cannot run '/no/such/thing': No such file or directory", result.Error);
    }

    [Fact]
    public async Task Pending_exec_fails_clearly_when_the_agent_goes_away()
    {
        await SayHelloAsync();
        await using var client = await AgentClient.ConnectAsync(_hostSide, Token);

        var exec = client.ExecAsync(new ExecRequest(["sleep", "100"]), cancellationToken: Token);
        await _guestReader.ReadAsync(Token);
        await _toHost.DisposeAsync();
        var result = await exec.WaitAsync(TimeSpan.FromSeconds(10), Token);

        Assert.Null(result.ExitCode);
        Assert.Contains("closed", result.Error, StringComparison.Ordinal);
        var after = await client.ExecAsync(new ExecRequest(["true"]), cancellationToken: Token);
        Assert.NotNull(after.Error);
    }

    public async ValueTask DisposeAsync()
    {
        _guestWriter.Dispose();
        await _toHost.DisposeAsync();
        await _toGuest.DisposeAsync();
        await _hostSide.DisposeAsync();
    }

    private Task SayHelloAsync() =>
        _guestWriter.WriteMessageAsync(MessageType.Hello, 0, new HelloMessage("test", "6.1.192", 900), MessageCodec.Hello, Token).AsTask();
}
