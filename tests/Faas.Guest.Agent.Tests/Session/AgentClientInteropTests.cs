using Faas.Tests.SharedAgent;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Faas.Common.Net;
using Faas.Guest.Agent.Logging;
using Faas.Guest.Agent.RootFs;
using Faas.Guest.Agent.Session;
using Faas.Guest.Agent.Tests.Support;
using Faas.Guest.Protocol.Messages;
using Faas.Vmm.Agent;

namespace Faas.Guest.Agent.Tests.Session;

/// <summary>The agent session against the worker's own client for the channel.</summary>
public sealed class AgentClientInteropTests
{
    [Fact]
    public async Task The_worker_client_runs_commands_and_sees_failures_and_shutdown()
    {
        var (agentSocket, hostSocket) = ConnectedStreams.CreateSocketPair();
        using var log = AgentLog.ToStandardError();
        await using var agentStream = new NetworkStream(agentSocket, ownsSocket: true);
        using var session = new AgentSession(agentStream, TestAgent.CreateLauncher(), new OverlayRootMounter(), HelloFactory.Create(), log);
        var run = Task.Run(() => session.RunAsync(), TestContext.Current.CancellationToken);

        await using var client = await AgentClient.ConnectAsync(new NetworkStream(hostSocket, ownsSocket: true), TestContext.Current.CancellationToken);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var output = new ExecOutput(
            chunk => { stdout.Append(Encoding.UTF8.GetString(chunk.Span)); return ValueTask.CompletedTask; },
            chunk => { stderr.Append(Encoding.UTF8.GetString(chunk.Span)); return ValueTask.CompletedTask; });

        var exited = await client.ExecAsync(new ExecRequest(["sh", "-c", "echo out; echo err >&2; exit 7"]), output, TestContext.Current.CancellationToken);
        var failed = await client.ExecAsync(new ExecRequest(["/no/such/thing"]), cancellationToken: TestContext.Current.CancellationToken);
        await client.RequestShutdownAsync(TestContext.Current.CancellationToken);
        var end = await run.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(new ExecResult(7), exited);
        Assert.Equal("out\n", stdout.ToString());
        Assert.Equal("err\n", stderr.ToString());
        Assert.Equal(ExecResult.Failed("cannot run '/no/such/thing': No such file or directory"), failed);
        Assert.Equal(SessionEndReason.ShutdownRequested, end.Reason);
    }

    [Fact]
    public async Task The_worker_client_invokes_the_function_and_resumes()
    {
        await using var function = await KestrelFunction.StartAsync();
        var (agentSocket, hostSocket) = ConnectedStreams.CreateSocketPair();
        using var log = AgentLog.ToStandardError();
        await using var agentStream = new NetworkStream(agentSocket, ownsSocket: true);
        using var session = new AgentSession(agentStream, TestAgent.CreateLauncher(), new OverlayRootMounter(), HelloFactory.Create(), log);
        var run = Task.Run(() => session.RunAsync(), TestContext.Current.CancellationToken);
        await using var client = await AgentClient.ConnectAsync(new NetworkStream(hostSocket, ownsSocket: true), TestContext.Current.CancellationToken);

        var headers = new RecordingResponseSink();
        var got = await client.InvokeAsync(new InvokeRequest("GET", "/headers", [new("X-Request-Id", "7")], function.Port, 0), null, headers, TestContext.Current.CancellationToken);
        var body = RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 17);
        var echo = new RecordingResponseSink();
        using var upload = new MemoryStream(body);
        var posted = await client.InvokeAsync(new InvokeRequest("POST", "/echo", [], function.Port, body.Length), upload, echo, TestContext.Current.CancellationToken);
        var refused = await client.InvokeAsync(new InvokeRequest("GET", "/", [], FreePort.Pick(), 0), null, new RecordingResponseSink(), TestContext.Current.CancellationToken);
        var resumed = await client.ResumeAsync(new ResumeRequest(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000, RandomNumberGenerator.GetBytes(32)), TestContext.Current.CancellationToken);
        await client.RequestShutdownAsync(TestContext.Current.CancellationToken);
        await run.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(InvokeResult.Success, got);
        Assert.Equal(200, headers.Head!.Status);
        Assert.Contains("x-request-id: 7\n", Encoding.UTF8.GetString(headers.Body.ToArray()), StringComparison.Ordinal);
        Assert.Equal(InvokeResult.Success, posted);
        Assert.Equal(body.Length, echo.Head!.BodyLength);
        Assert.Equal(SHA256.HashData(body), SHA256.HashData(echo.Body.ToArray()));
        Assert.False(refused.Completed);
        Assert.False(refused.ResponseStarted);
        Assert.StartsWith("the function does not accept connections on port", refused.Error, StringComparison.Ordinal);
        Assert.Equal($"only the guest's init sets the guest's clock and entropy; this agent runs as pid {Environment.ProcessId}", resumed);
    }
}
