using System.Net.Sockets;
using Faas.Guest.Agent.Channel;
using Faas.Guest.Agent.Logging;
using Faas.Guest.Agent.Processes;
using Faas.Guest.Agent.RootFs;
using Faas.Guest.Agent.Session;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Tests.Support;

/// <summary>A real agent session on one end of a socket connection and the host on the other.</summary>
internal sealed class AgentHarness : IAsyncDisposable
{
    private static readonly TimeSpan EndTimeout = TimeSpan.FromSeconds(30);

    private readonly Stream _agentStream;
    private readonly AgentSession _session;
    private readonly AgentLog _log = AgentLog.ToStandardError();

    private AgentHarness(Stream agentStream, Stream hostStream)
    {
        _agentStream = agentStream;
        Host = new HostEnd(hostStream);
        _session = new AgentSession(agentStream, TestAgent.CreateLauncher(), new OverlayRootMounter(), HelloFactory.Create(), _log);
        Run = Task.Factory.StartNew(() => _session.RunAsync().GetAwaiter().GetResult(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public HostEnd Host { get; }

    public Task<SessionEnd> Run { get; }

    public HelloMessage? Hello { get; private set; }

    /// <summary>The agent on a socket wrapped in a <see cref="NetworkStream"/>.</summary>
    public static Task<AgentHarness> StartAsync()
    {
        var (agent, host) = ConnectedStreams.CreateSocketPair();
        return StartAsync(new NetworkStream(agent, ownsSocket: true), new NetworkStream(host, ownsSocket: true));
    }

    /// <summary>The agent on a socket read and written with plain blocking system calls, as on a virtio port.</summary>
    public static Task<AgentHarness> StartOnFileDescriptorAsync()
    {
        var (agent, host) = ConnectedStreams.CreateSocketPair();
        var fd = (int)agent.SafeHandle.DangerousGetHandle();
        agent.SafeHandle.SetHandleAsInvalid();
        return StartAsync(new FileDescriptorStream(fd, "test socket"), new NetworkStream(host, ownsSocket: true));
    }

    public async Task<SessionEnd> WaitForEndAsync() => await Run.WaitAsync(EndTimeout, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        try
        {
            await Run.WaitAsync(EndTimeout, CancellationToken.None);
        }
        finally
        {
            _session.Dispose();
            await _agentStream.DisposeAsync();
            _log.Dispose();
        }
    }

    private static async Task<AgentHarness> StartAsync(Stream agentStream, Stream hostStream)
    {
        var harness = new AgentHarness(agentStream, hostStream);
        var hello = await harness.Host.NextAsync();
        Assert.Equal(MessageType.Hello, hello.Type);
        Assert.Equal(0u, hello.Channel);
        harness.Hello = MessageCodec.Decode(hello, MessageCodec.Hello);
        return harness;
    }
}
