using Faas.Guest.Agent.Processes;
using Faas.Guest.Agent.Restore;
using Faas.Guest.Agent.Tests.Support;
using Faas.Guest.Agent.Users;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Tests.Restore;

/// <summary>
/// Resume outside a VM: the agent is not the guest's init there and must leave the host's clock alone, and without
/// the capabilities the system calls fail with a clear message rather than an exception. The successful path runs in
/// a VM.
/// </summary>
[Collection(ThreadIdentityTests.Name)]
public sealed class ResumeTests
{
    private const uint Nobody = 65534;
    private const long NoCollectionBytes = 16 * 1024 * 1024;

    private static readonly byte[] Entropy = [.. Enumerable.Range(0, GuestResumer.MinimumEntropyBytes).Select(i => (byte)i)];

    [Fact]
    public async Task Resume_outside_the_guest_is_refused_with_an_error_and_the_session_goes_on()
    {
        await using var agent = await AgentHarness.StartAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;

        await agent.Host.Writer.WriteMessageAsync(MessageType.Resume, 1, new ResumeRequest(now, Entropy), MessageCodec.Resume, TestContext.Current.CancellationToken);
        var outcome = await agent.Host.CollectUntilAsync(1, outcome => outcome.IsComplete);

        Assert.Equal($"only the guest's init sets the guest's clock and entropy; this agent runs as pid {Environment.ProcessId}", outcome.Error);
        Assert.Equal("ok\n", (await agent.Host.RunAsync(2, "echo", "ok")).StdoutText);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(513)]
    public async Task Resume_needs_32_to_512_bytes_of_entropy(int length)
    {
        await using var agent = await AgentHarness.StartAsync();

        await agent.Host.Writer.WriteMessageAsync(MessageType.Resume, 1, new ResumeRequest(1, new byte[length]), MessageCodec.Resume, TestContext.Current.CancellationToken);
        var outcome = await agent.Host.CollectUntilAsync(1, outcome => outcome.IsComplete);

        Assert.Equal($"cannot resume: the entropy must be 32 to 512 bytes, got {length}", outcome.Error);
    }

    [Fact]
    public async Task A_malformed_resume_request_is_an_error()
    {
        await using var agent = await AgentHarness.StartAsync();

        await agent.Host.Writer.WriteAsync(MessageType.Resume, 1, "{not json"u8.ToArray(), TestContext.Current.CancellationToken);
        var outcome = await agent.Host.CollectUntilAsync(1, outcome => outcome.IsComplete);

        Assert.StartsWith("Resume frame on channel 1 has a malformed payload", outcome.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_the_clock_without_CAP_SYS_TIME_fails_with_the_reason()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;

        var error = WithoutPrivileges(() => SystemClock.SetRealtime(now));

        Assert.Equal("cannot set the clock: clock_settime: Operation not permitted", error);
    }

    [Fact]
    public void A_time_before_the_epoch_is_refused_before_any_system_call() =>
        Assert.Equal("cannot set the clock to -5 ns since the Unix epoch: it must be after the epoch", SystemClock.SetRealtime(-5));

    [Fact]
    public void Adding_entropy_without_CAP_SYS_ADMIN_fails_with_the_reason()
    {
        var error = WithoutPrivileges(() => KernelEntropy.AddAndReseed(Entropy));

        Assert.Equal("cannot add entropy: ioctl RNDADDENTROPY on /dev/urandom: Operation not permitted", error);
    }

    /// <summary>
    /// Runs <paramref name="action"/> on a thread without root's capabilities: as the unprivileged user the tests run as,
    /// or, when they run as root, on a thread switched to nobody for the call (the process keeps its identity).
    /// </summary>
    private static string? WithoutPrivileges(Func<string?> action)
    {
        string? result = null;
        string? switchError = null;
        var thread = new Thread(() =>
        {
            if (!IsRoot())
            {
                result = action();
                return;
            }

            // A thread the runtime started from the switched thread (say, for a garbage collection) would keep its identity.
            var noCollections = GC.TryStartNoGCRegion(NoCollectionBytes);
            try
            {
                switchError = ThreadIdentity.TryAssume(new Credentials(Nobody, Nobody, [], "/"), out var identity);
                using (identity)
                {
                    if (identity is not null)
                    {
                        result = action();
                    }
                }
            }
            finally
            {
                if (noCollections && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
                {
                    GC.EndNoGCRegion();
                }
            }
        });
        thread.Start();
        thread.Join();
        Assert.Null(switchError);
        return result;
    }

    private static bool IsRoot() =>
        File.ReadLines("/proc/self/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal))
            .Split('\t', StringSplitOptions.RemoveEmptyEntries)[2] == "0";
}
