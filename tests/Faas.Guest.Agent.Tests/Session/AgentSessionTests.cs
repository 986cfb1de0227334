using System.Text;
using Faas.Guest.Agent.Session;
using Faas.Guest.Agent.Tests.Support;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Tests.Session;

public sealed class AgentSessionTests
{
    [Fact]
    public async Task Hello_comes_first_with_version_kernel_release_and_uptime()
    {
        await using var agent = await AgentHarness.StartAsync();

        Assert.NotNull(agent.Hello);
        Assert.False(string.IsNullOrWhiteSpace(agent.Hello.AgentVersion));
        Assert.Equal(File.ReadAllText("/proc/sys/kernel/osrelease").Trim(), agent.Hello.KernelRelease);
        Assert.True(agent.Hello.UptimeMilliseconds > 0);
    }

    [Fact]
    public async Task Exec_streams_stdout_and_stderr_and_reports_the_exit_code()
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.RunAsync(1, "/bin/sh", "-c", "echo out; echo err >&2; exit 7");

        Assert.Equal(MessageType.ExecStarted, outcome.Frames[0].Type);
        Assert.True(outcome.Started!.ProcessId > 0);
        Assert.Equal("out\n", outcome.StdoutText);
        Assert.Equal("err\n", outcome.StderrText);
        Assert.Equal(new ExecExited(7), outcome.Exited);
        Assert.Equal(MessageType.ExecExited, outcome.Frames[^1].Type);
    }

    [Fact]
    public async Task ExecStarted_carries_the_pid_of_the_program()
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.RunAsync(1, "/bin/sh", "-c", "echo $$");

        Assert.Equal($"{outcome.Started!.ProcessId}\n", outcome.StdoutText);
    }

    [Fact]
    public async Task Exec_honours_environment_and_working_directory()
    {
        await using var agent = await AgentHarness.StartAsync();
        var directory = Directory.CreateTempSubdirectory("faas-agent-cwd-").FullName;
        try
        {
            var request = new ExecRequest(
                ["sh", "-c", "echo \"$GREETING\"; pwd; echo \"$HOME\"; echo \"$PATH\"; echo \"$TERM\""],
                new Dictionary<string, string> { ["GREETING"] = "hello there", ["HOME"] = "/home/fn" },
                directory);

            var outcome = await agent.Host.RunAsync(1, request);

            Assert.Equal(new ExecExited(0), outcome.Exited);
            Assert.Equal(
                $"hello there\n{directory}\n/home/fn\n/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nlinux\n",
                outcome.StdoutText);
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public async Task Exec_runs_in_the_root_directory_by_default_with_stdin_on_dev_null()
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.RunAsync(1, "/bin/sh", "-c", "pwd; cat; readlink /proc/self/fd/0");

        Assert.Equal(new ExecExited(0), outcome.Exited);
        Assert.Equal("/\n/dev/null\n", outcome.StdoutText);
    }

    [Fact]
    public async Task Exec_uses_the_requested_PATH_to_find_the_program()
    {
        await using var agent = await AgentHarness.StartAsync();
        var directory = Directory.CreateTempSubdirectory("faas-agent-path-").FullName;
        try
        {
            var script = Path.Join(directory, "only-here");
            await File.WriteAllTextAsync(script, "#!/bin/sh\necho found me\n", TestContext.Current.CancellationToken);
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute);

            var outcome = await agent.Host.RunAsync(1, new ExecRequest(["only-here"], new Dictionary<string, string> { ["PATH"] = $"/nowhere:{directory}" }));

            Assert.Equal(new ExecExited(0), outcome.Exited);
            Assert.Equal("found me\n", outcome.StdoutText);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_program_gets_ExecFailed_and_the_session_keeps_serving()
    {
        await using var agent = await AgentHarness.StartAsync();

        var failed = await agent.Host.RunAsync(1, "/no/such/thing", "arg");
        var next = await agent.Host.RunAsync(2, "/bin/echo", "still here");

        Assert.Equal("cannot run '/no/such/thing': No such file or directory", failed.Failure);
        Assert.Single(failed.Frames);
        Assert.Equal(new ExecExited(0), next.Exited);
        Assert.Equal("still here\n", next.StdoutText);
    }

    [Fact]
    public async Task A_program_that_cannot_be_started_gets_a_clear_ExecFailed()
    {
        await using var agent = await AgentHarness.StartAsync();
        var notExecutable = Path.GetTempFileName();
        try
        {
            var denied = await agent.Host.RunAsync(1, notExecutable);
            var notOnPath = await agent.Host.RunAsync(2, "no-such-program-anywhere");
            var badDirectory = await agent.Host.RunAsync(3, new ExecRequest(["/bin/true"], WorkingDirectory: "/no/such/dir"));
            var empty = await agent.Host.RunAsync(4, new ExecRequest([]));
            var badVariable = await agent.Host.RunAsync(5, new ExecRequest(["/bin/true"], new Dictionary<string, string> { ["A=B"] = "c" }));

            Assert.Equal($"cannot run '{notExecutable}': Permission denied", denied.Failure);
            Assert.Equal("cannot run 'no-such-program-anywhere': not found in PATH (/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)", notOnPath.Failure);
            Assert.Equal("cannot run '/bin/true': working directory '/no/such/dir' does not exist", badDirectory.Failure);
            Assert.Equal("cannot run an empty command: argv is empty", empty.Failure);
            Assert.Equal("cannot run '/bin/true': invalid environment variable name 'A=B'", badVariable.Failure);
            Assert.Equal(new ExecExited(0), (await agent.Host.RunAsync(6, "/bin/true")).Exited);
        }
        finally
        {
            File.Delete(notExecutable);
        }
    }

    [Theory]
    [InlineData("SEGV", 11)]
    [InlineData("KILL", 9)]
    [InlineData("TERM", 15)]
    public async Task A_program_killed_by_a_signal_reports_the_signal(string signal, int number)
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.RunAsync(1, "/bin/sh", "-c", $"echo before; kill -{signal} $$; echo after");

        Assert.Equal(new ExecExited(128 + number, number), outcome.Exited);
        Assert.Equal("before\n", outcome.StdoutText);
    }

    [Fact]
    public async Task Programs_start_with_default_signal_dispositions()
    {
        // The runtime ignores SIGPIPE; a shell that inherited that could not be killed by it.
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.RunAsync(1, "/bin/sh", "-c", "kill -PIPE $$; echo survived");

        Assert.Equal(new ExecExited(141, 13), outcome.Exited);
        Assert.Empty(outcome.Stdout);
    }

    [Fact]
    public async Task Output_larger_than_a_frame_arrives_intact_and_in_order()
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.RunAsync(1, "/bin/sh", "-c", "seq 1 200000; seq 1 100000 >&2");

        var expectedStdout = string.Concat(Enumerable.Range(1, 200000).Select(i => $"{i}\n"));
        var expectedStderr = string.Concat(Enumerable.Range(1, 100000).Select(i => $"{i}\n"));
        Assert.True(Encoding.ASCII.GetByteCount(expectedStdout) > 1_000_000);
        Assert.Equal(expectedStdout, outcome.StdoutText);
        Assert.Equal(expectedStderr, outcome.StderrText);
        Assert.All(outcome.Frames, frame => Assert.InRange(frame.Payload.Length, 0, OutputPump.ChunkSize));
        Assert.True(outcome.Frames.Count(frame => frame.Type == MessageType.Stdout) > 1);
        Assert.Equal(new ExecExited(0), outcome.Exited);
    }

    [Fact]
    public async Task Binary_output_is_passed_through_unchanged()
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.RunAsync(1, "/bin/sh", "-c", "printf '\\000\\001\\r\\n\\377'");

        Assert.Equal(new byte[] { 0, 1, (byte)'\r', (byte)'\n', 255 }, outcome.Stdout);
    }

    [Fact]
    public async Task Commands_on_two_channels_run_concurrently()
    {
        await using var agent = await AgentHarness.StartAsync();

        // The first command finishes only after the second has run: they must overlap.
        var marker = Path.Join(Path.GetTempPath(), $"faas-agent-marker-{Guid.NewGuid():N}");
        await agent.Host.SendExecAsync(1, new ExecRequest(["/bin/sh", "-c", $"while [ ! -e {marker} ]; do sleep 0.01; done; echo first; rm {marker}"]));
        await agent.Host.SendExecAsync(2, new ExecRequest(["/bin/sh", "-c", $"echo second; touch {marker}; exit 3"]));
        var outcomes = await agent.Host.CollectAsync(1, 2);

        Assert.Equal("first\n", outcomes[1].StdoutText);
        Assert.Equal(new ExecExited(0), outcomes[1].Exited);
        Assert.Equal("second\n", outcomes[2].StdoutText);
        Assert.Equal(new ExecExited(3), outcomes[2].Exited);
        Assert.NotEqual(outcomes[1].Started!.ProcessId, outcomes[2].Started!.ProcessId);
    }

    [Fact]
    public async Task Many_short_commands_at_once_all_report_their_exit()
    {
        await using var agent = await AgentHarness.StartAsync();
        var channels = Enumerable.Range(1, 40).Select(i => (uint)i).ToArray();

        foreach (var channel in channels)
        {
            await agent.Host.SendExecAsync(channel, new ExecRequest(["/bin/sh", "-c", $"echo {channel}; exit {channel % 5}"]));
        }

        var outcomes = await agent.Host.CollectAsync(channels);

        Assert.All(channels, channel =>
        {
            Assert.Equal($"{channel}\n", outcomes[channel].StdoutText);
            Assert.Equal(new ExecExited((int)(channel % 5)), outcomes[channel].Exited);
        });
    }

    [Fact]
    public async Task A_channel_can_be_reused_as_soon_as_its_command_exited()
    {
        await using var agent = await AgentHarness.StartAsync();

        for (var i = 0; i < 20; i++)
        {
            var outcome = await agent.Host.RunAsync(1, "/bin/echo", $"{i}");

            Assert.Equal($"{i}\n", outcome.StdoutText);
            Assert.Equal(new ExecExited(0), outcome.Exited);
        }
    }

    [Fact]
    public async Task A_malformed_payload_gets_an_Error_on_its_channel_and_the_session_keeps_serving()
    {
        await using var agent = await AgentHarness.StartAsync();

        await agent.Host.Writer.WriteAsync(MessageType.Exec, 5, "{ this is not json"u8.ToArray(), TestContext.Current.CancellationToken);
        var error = (await agent.Host.CollectAsync(5))[5];
        var next = await agent.Host.RunAsync(6, "/bin/echo", "ok");

        Assert.Contains("malformed payload", error.Error, StringComparison.Ordinal);
        Assert.Equal("ok\n", next.StdoutText);
    }

    [Fact]
    public async Task An_unknown_message_type_gets_an_Error_and_the_session_keeps_serving()
    {
        await using var agent = await AgentHarness.StartAsync();

        await agent.Host.Writer.WriteAsync((MessageType)200, 9, "??"u8.ToArray(), TestContext.Current.CancellationToken);
        var unknown = (await agent.Host.CollectAsync(9))[9];
        await agent.Host.Writer.WriteAsync(MessageType.Stdout, 10, "x"u8.ToArray(), TestContext.Current.CancellationToken);
        var wrongDirection = (await agent.Host.CollectAsync(10))[10];
        var next = await agent.Host.RunAsync(11, "/bin/echo", "ok");

        Assert.Equal("unknown message type 200", unknown.Error);
        Assert.Equal("unexpected Stdout frame: only the agent sends those", wrongDirection.Error);
        Assert.Equal("ok\n", next.StdoutText);
    }

    [Fact]
    public async Task An_Exec_on_a_busy_channel_or_channel_0_gets_an_Error()
    {
        await using var agent = await AgentHarness.StartAsync();

        await agent.Host.SendExecAsync(0, new ExecRequest(["/bin/true"]));
        var onZero = (await agent.Host.CollectAsync(0))[0];
        await agent.Host.SendExecAsync(1, new ExecRequest(["/bin/sh", "-c", "sleep 1"]));
        var started = await agent.Host.NextAsync();
        await agent.Host.SendExecAsync(1, new ExecRequest(["/bin/true"]));
        var busy = await agent.Host.NextAsync();

        Assert.Equal("Exec needs a channel of its own, not channel 0", onZero.Error);
        Assert.Equal(MessageType.ExecStarted, started.Type);
        Assert.Equal(MessageType.Error, busy.Type);
        Assert.Equal("channel 1 is already running a command", MessageCodec.Decode(busy, MessageCodec.Error).Message);
    }

    [Fact]
    public async Task A_frame_with_a_bad_header_ends_the_session_as_broken()
    {
        await using var agent = await AgentHarness.StartAsync();

        await agent.Host.Stream.WriteAsync(new byte[ProtocolLimits.HeaderSize], TestContext.Current.CancellationToken);
        var end = await agent.WaitForEndAsync();

        Assert.Equal(SessionEndReason.ChannelBroken, end.Reason);
        Assert.Contains("bad frame magic", end.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_ends_the_session()
    {
        await using var agent = await AgentHarness.StartAsync();

        await agent.Host.Writer.WriteAsync(MessageType.Shutdown, 0, ReadOnlyMemory<byte>.Empty, TestContext.Current.CancellationToken);
        var end = await agent.WaitForEndAsync();

        Assert.Equal(SessionEndReason.ShutdownRequested, end.Reason);
    }

    [Fact]
    public async Task Closing_the_channel_ends_the_session()
    {
        var agent = await AgentHarness.StartAsync();
        agent.Host.Stream.Dispose();

        var end = await agent.WaitForEndAsync();
        await agent.DisposeAsync();

        Assert.Equal(SessionEndReason.ChannelClosed, end.Reason);
    }

    [Fact]
    public async Task The_session_works_over_a_blocking_file_descriptor_stream()
    {
        await using var agent = await AgentHarness.StartOnFileDescriptorAsync();

        var small = await agent.Host.RunAsync(1, "/bin/sh", "-c", "echo out; echo err >&2; exit 7");
        var large = await agent.Host.RunAsync(2, "/bin/sh", "-c", "head -c 3000000 /dev/zero");

        Assert.Equal("out\n", small.StdoutText);
        Assert.Equal("err\n", small.StderrText);
        Assert.Equal(new ExecExited(7), small.Exited);
        Assert.Equal(3_000_000, large.Stdout.Length);
        Assert.All(large.Stdout, b => Assert.Equal(0, b));

        agent.Host.Stream.Dispose();
        Assert.Equal(SessionEndReason.ChannelClosed, (await agent.WaitForEndAsync()).Reason);
    }
}
