using Faas.Guest.Agent.Tests.Support;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Tests.Session;

/// <summary>
/// MountRoot on a host, where the agent is not the guest's init: it must refuse without touching any mount, and keep
/// serving. The switch itself happens only in a guest.
/// </summary>
public sealed class MountRootTests
{
    [Fact]
    public async Task MountRoot_outside_a_guest_init_gets_an_Error_and_the_session_keeps_serving()
    {
        await using var agent = await AgentHarness.StartAsync();

        var refused = await agent.Host.MountRootAsync(1, new MountRootRequest("/dev/vda"));
        var next = await agent.Host.RunAsync(2, "cat", "/etc/hostname");

        Assert.Equal($"only the guest's init can switch the root filesystem; this agent runs as pid {Environment.ProcessId}", refused.Error);
        Assert.Single(refused.Frames);
        Assert.Equal(await File.ReadAllTextAsync("/etc/hostname", TestContext.Current.CancellationToken), next.StdoutText);
        var mounts = await File.ReadAllTextAsync("/proc/self/mounts", TestContext.Current.CancellationToken);
        Assert.DoesNotContain(" /run/faas/", mounts, StringComparison.Ordinal);
        Assert.DoesNotContain(" /sysroot", mounts, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "erofs", "cannot mount the root filesystem: '' is not a device path")]
    [InlineData("vda", "erofs", "cannot mount the root filesystem: 'vda' is not a device path")]
    [InlineData("/dev/vda", "btrfs", "cannot mount the root filesystem: unsupported filesystem 'btrfs' (expected erofs or ext4)")]
    public async Task A_bad_request_gets_an_Error(string device, string fileSystem, string error)
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.MountRootAsync(7, new MountRootRequest(device, fileSystem));

        Assert.Equal(error, outcome.Error);
    }

    [Fact]
    public async Task A_malformed_MountRoot_gets_an_Error()
    {
        await using var agent = await AgentHarness.StartAsync();

        await agent.Host.Writer.WriteAsync(MessageType.MountRoot, 3, "[1,2]"u8.ToArray(), TestContext.Current.CancellationToken);
        var outcome = (await agent.Host.CollectAsync(3))[3];

        Assert.Contains("malformed payload", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_agent_sends_RootMounted_and_FunctionReady()
    {
        await using var agent = await AgentHarness.StartAsync();

        await agent.Host.Writer.WriteAsync(MessageType.RootMounted, 4, ReadOnlyMemory<byte>.Empty, TestContext.Current.CancellationToken);
        var rootMounted = (await agent.Host.CollectAsync(4))[4];
        await agent.Host.Writer.WriteAsync(MessageType.FunctionReady, 5, "{}"u8.ToArray(), TestContext.Current.CancellationToken);
        var ready = (await agent.Host.CollectAsync(5))[5];

        Assert.Equal("unexpected RootMounted frame: only the agent sends those", rootMounted.Error);
        Assert.Equal("unexpected FunctionReady frame: only the agent sends those", ready.Error);
    }
}
