using Faas.Tests.SharedAgent;
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
    public async Task Output_for_a_closed_host_stream_is_dropped_and_the_channel_goes_on()
    {
        await SayHelloAsync();
        await using var client = await AgentClient.ConnectAsync(_hostSide, Token);
        var closed = new MemoryStream();
        await closed.DisposeAsync();

        var exec = client.ExecAsync(new ExecRequest(["sh"]), ExecOutput.To(closed, closed), Token);
        var request = await _guestReader.ReadAsync(Token);
        Assert.NotNull(request);
        await _guestWriter.WriteAsync(MessageType.Stdout, request.Channel, "lost"u8.ToArray(), Token);
        await _guestWriter.WriteMessageAsync(MessageType.ExecExited, request.Channel, new ExecExited(0), MessageCodec.ExecExited, Token);
        var result = await exec;
        var next = client.ExecAsync(new ExecRequest(["true"]), ExecOutput.Discard, Token);
        var nextRequest = await _guestReader.ReadAsync(Token);
        Assert.NotNull(nextRequest);
        await _guestWriter.WriteMessageAsync(MessageType.ExecExited, nextRequest.Channel, new ExecExited(3), MessageCodec.ExecExited, Token);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(3, (await next).ExitCode);
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

    [Fact]
    public async Task Mount_root_reports_success_as_null_and_failure_as_the_agents_message()
    {
        await SayHelloAsync();
        await using var client = await AgentClient.ConnectAsync(_hostSide, Token);

        var ok = client.MountRootAsync(new MountRootRequest("/dev/vda"), Token);
        var first = await _guestReader.ReadAsync(Token);
        Assert.Equal(MessageType.MountRoot, first!.Type);
        Assert.Equal("erofs", MessageCodec.Decode(first, MessageCodec.MountRoot).FileSystem);
        await _guestWriter.WriteAsync(MessageType.RootMounted, first.Channel, ReadOnlyMemory<byte>.Empty, Token);
        Assert.Null(await ok);

        var bad = client.MountRootAsync(new MountRootRequest("/dev/vdz"), Token);
        var second = await _guestReader.ReadAsync(Token);
        await _guestWriter.WriteMessageAsync(MessageType.Error, second!.Channel, new ErrorMessage("mount /dev/vdz: No such device"), MessageCodec.Error, Token);
        Assert.Equal("mount /dev/vdz: No such device", await bad);
    }

    [Fact]
    public async Task Started_function_is_ready_then_keeps_streaming_until_it_exits()
    {
        await SayHelloAsync();
        await using var client = await AgentClient.ConnectAsync(_hostSide, Token);
        var logs = new StringBuilder();
        var output = new ExecOutput(c => { logs.Append(Encoding.UTF8.GetString(c.Span)); return ValueTask.CompletedTask; });

        var starting = client.StartFunctionAsync(new StartFunctionRequest(["server"], new Dictionary<string, string>(), null, null, 8080, 5000), output, Token);
        var request = await _guestReader.ReadAsync(Token);
        Assert.NotNull(request);
        Assert.Equal(8080, MessageCodec.Decode(request, MessageCodec.StartFunction).Port);
        await _guestWriter.WriteAsync(MessageType.Stdout, request.Channel, "listening\n"u8.ToArray(), Token);
        await _guestWriter.WriteMessageAsync(MessageType.FunctionReady, request.Channel, new FunctionReady(42, 17), MessageCodec.FunctionReady, Token);
        var start = await starting;

        Assert.True(start.IsReady);
        Assert.Equal(42, start.Ready!.ProcessId);
        Assert.False(start.Exited.IsCompleted);
        await _guestWriter.WriteAsync(MessageType.Stdout, request.Channel, "request\n"u8.ToArray(), Token);
        await _guestWriter.WriteMessageAsync(MessageType.ExecExited, request.Channel, new ExecExited(137, 9), MessageCodec.ExecExited, Token);
        var exit = await start.Exited.WaitAsync(TimeSpan.FromSeconds(10), Token);
        Assert.Equal(137, exit.ExitCode);
        Assert.Equal("listening\nrequest\n", logs.ToString());
    }

    [Fact]
    public async Task Function_that_exits_before_ready_is_a_failure_with_its_last_output()
    {
        await SayHelloAsync();
        await using var client = await AgentClient.ConnectAsync(_hostSide, Token);

        var starting = client.StartFunctionAsync(new StartFunctionRequest(["server"], new Dictionary<string, string>(), null, null, 8080, 5000), cancellationToken: Token);
        var request = await _guestReader.ReadAsync(Token);
        await _guestWriter.WriteMessageAsync(MessageType.ExecExited, request!.Channel, new ExecExited(3, null, "boom"), MessageCodec.ExecExited, Token);
        var start = await starting;

        Assert.False(start.IsReady);
        Assert.Equal(3, start.Failure!.ExitCode);
        Assert.Equal("boom", start.Failure.OutputTail);
        Assert.Equal(start.Failure, await start.Exited.WaitAsync(TimeSpan.FromSeconds(10), Token));
    }

    [Fact]
    public async Task Invoke_streams_the_request_body_in_chunks_and_the_response_into_the_sink()
    {
        await SayHelloAsync();
        await using var client = await AgentClient.ConnectAsync(_hostSide, Token);
        var body = new byte[200_000];
        Random.Shared.NextBytes(body);
        var sink = new RecordingResponseSink();

        var invoke = client.InvokeAsync(
            new InvokeRequest("POST", "/echo?x=1", [new HttpHeader("Content-Type", "application/octet-stream")], 8080, body.Length),
            new MemoryStream(body), sink, Token);
        var head = await _guestReader.ReadAsync(Token);
        Assert.NotNull(head);
        Assert.Equal("/echo?x=1", MessageCodec.Decode(head, MessageCodec.Invoke).PathAndQuery);
        var received = new MemoryStream();
        while (await _guestReader.ReadAsync(Token) is { Type: MessageType.RequestBody } chunk)
        {
            Assert.InRange(chunk.Payload.Length, 1, 64 * 1024);
            received.Write(chunk.Payload.Span);
        }

        await _guestWriter.WriteMessageAsync(MessageType.ResponseHead, head.Channel, new InvokeResponseHead(201, [new HttpHeader("X-A", "b")], 3), MessageCodec.ResponseHead, Token);
        await _guestWriter.WriteAsync(MessageType.ResponseBody, head.Channel, "abc"u8.ToArray(), Token);
        await _guestWriter.WriteAsync(MessageType.ResponseEnd, head.Channel, ReadOnlyMemory<byte>.Empty, Token);
        var result = await invoke;

        Assert.Equal(body, received.ToArray());
        Assert.True(result.Completed);
        Assert.Equal(201, sink.Head!.Status);
        Assert.Equal("abc", System.Text.Encoding.ASCII.GetString(sink.Body.ToArray()));
    }

    [Fact]
    public async Task Invoke_the_function_did_not_answer_is_an_error_value()
    {
        await SayHelloAsync();
        await using var client = await AgentClient.ConnectAsync(_hostSide, Token);

        var invoke = client.InvokeAsync(new InvokeRequest("GET", "/", [], 8080, 0), null, new RecordingResponseSink(), Token);
        var head = await _guestReader.ReadAsync(Token);
        await _guestReader.ReadAsync(Token);
        await _guestWriter.WriteMessageAsync(MessageType.Error, head!.Channel, new ErrorMessage("connection refused on port 8080"), MessageCodec.Error, Token);
        var result = await invoke;

        Assert.False(result.Completed);
        Assert.False(result.ResponseStarted);
        Assert.Equal("connection refused on port 8080", result.Error);
    }

    [Fact]
    public async Task Attached_client_skips_hello_and_numbers_channels_from_the_given_one()
    {
        await using var client = AgentClient.Attach(_hostSide, new HelloMessage("a", "6.1", 1), firstChannel: 5000);

        var resume = client.ResumeAsync(new ResumeRequest(123, new byte[32]), Token);
        var request = await _guestReader.ReadAsync(Token);
        Assert.Equal((MessageType.Resume, 5000u), (request!.Type, request.Channel));
        await _guestWriter.WriteAsync(MessageType.Resumed, request.Channel, ReadOnlyMemory<byte>.Empty, Token);

        Assert.Null(await resume);
        Assert.Equal(5001u, client.NextChannel);
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
