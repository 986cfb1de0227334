using Faas.Guest.Agent.Tests.Support;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Tests.Session;

/// <summary>Commands with a user: spawned from a thread of the agent that takes on the user's identity for the spawn.</summary>
[Collection(ThreadIdentityTests.Name)]
public sealed class ExecAsUserTests
{
    public ExecAsUserTests() => TestAgent.SkipUnlessRoot();

    [Fact]
    public async Task A_command_runs_as_the_named_user_with_its_groups_and_home()
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.RunAsync(1, new ExecRequest(["sh", "-c", "id -u; id -g; id -G; echo \"$HOME\""], User: "nobody"));

        Assert.Equal(string.Empty, outcome.StderrText);
        Assert.Equal(new ExecExited(0), outcome.Exited);
        Assert.Equal("65534\n65534\n65534\n/nonexistent\n", outcome.StdoutText);
    }

    [Theory]
    [InlineData("65534", "65534 65534 65534")]
    [InlineData("65534:65534", "65534 65534 65534")]
    [InlineData("nobody:0", "65534 0 0")]
    [InlineData("12345:54321", "12345 54321 54321")]
    [InlineData("12345", "12345 0 0")]
    public async Task Numeric_and_group_specs_set_uid_and_gid(string user, string expected)
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.RunAsync(1, new ExecRequest(["sh", "-c", "echo $(id -u) $(id -g) $(id -G)"], User: user));

        Assert.Equal(new ExecExited(0), outcome.Exited);
        Assert.Equal($"{expected}\n", outcome.StdoutText);
    }

    [Fact]
    public async Task ExecStarted_carries_the_pid_of_the_program_itself()
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.RunAsync(1, new ExecRequest(["/bin/sh", "-c", "echo $$"], User: "nobody"));

        Assert.Equal($"{outcome.Started!.ProcessId}\n", outcome.StdoutText);
    }

    [Fact]
    public async Task The_program_gets_exactly_its_environment()
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.RunAsync(1, new ExecRequest(["env"], new Dictionary<string, string> { ["GREETING"] = "hi there", ["HOME"] = "/work" }, User: "nobody"));

        Assert.Equal(new ExecExited(0), outcome.Exited);
        Assert.Equal(
            ["GREETING=hi there", "HOME=/work", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=linux"],
            outcome.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("nobody")]
    [InlineData(null)]
    public async Task The_program_starts_in_its_directory_with_stdin_on_dev_null_and_no_other_descriptor(string? user)
    {
        await using var agent = await AgentHarness.StartAsync();

        await agent.Host.SendExecAsync(1, new ExecRequest(["sh", "-c", "pwd; readlink /proc/self/fd/0; exec sleep 30"], WorkingDirectory: "/tmp", User: user));
        var outcome = await agent.Host.CollectUntilAsync(1, outcome => outcome.StdoutText.Count(c => c == '\n') == 2);
        var descriptors = await StableDescriptorsAsync(outcome.Started!.ProcessId);
        KillProcess(outcome.Started.ProcessId);
        await agent.Host.CollectUntilAsync(1, outcome => outcome.IsComplete, outcome);

        Assert.Equal("/tmp\n/dev/null\n", outcome.StdoutText);
        Assert.Equal(["0", "1", "2"], descriptors);
        Assert.Equal(new ExecExited(137, 9), outcome.Exited);
    }

    /// <summary>
    /// The open descriptors of <paramref name="pid"/> once they are only 0, 1 and 2, or after 5 s: while the shell execs
    /// sleep, the dynamic loader briefly holds a library open as descriptor 3; a leaked descriptor stays.
    /// </summary>
    private static async Task<List<string?>> StableDescriptorsAsync(int pid)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var descriptors = Directory.GetFileSystemEntries($"/proc/{pid}/fd").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            if (descriptors.Count <= 3 || DateTime.UtcNow > deadline)
            {
                return descriptors;
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task The_program_cannot_return_to_root()
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.RunAsync(1, new ExecRequest(["grep", "-E", "^(Uid|Gid|Groups|CapPrm|CapEff|CapAmb):", "/proc/self/status"], User: "12345:54321"));

        Assert.Equal(
            "Uid:\t12345\t12345\t12345\t12345\nGid:\t54321\t54321\t54321\t54321\nGroups:\t \nCapPrm:\t0000000000000000\nCapEff:\t0000000000000000\nCapAmb:\t0000000000000000\n",
            outcome.StdoutText);
    }

    [Fact]
    public async Task Every_thread_of_the_agent_stays_root()
    {
        await using var agent = await AgentHarness.StartAsync();
        var channels = Enumerable.Range(1, 20).Select(i => (uint)i).ToArray();

        foreach (var channel in channels)
        {
            await agent.Host.SendExecAsync(channel, new ExecRequest(["id", "-u"], User: channel % 2 == 0 ? "nobody" : null));
        }

        var outcomes = await agent.Host.CollectAsync(channels);

        Assert.All(channels, channel => Assert.Equal(channel % 2 == 0 ? "65534\n" : "0\n", outcomes[channel].StdoutText));
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            string[] status;
            try
            {
                status = File.ReadAllLines(Path.Join(task, "status"));
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
            {
                // The thread ended since it was listed.
                continue;
            }

            Assert.Contains("Uid:\t0\t0\t0\t0", status);
            Assert.Contains("Gid:\t0\t0\t0\t0", status);
        }
    }

    [Fact]
    public async Task Programs_start_with_default_signal_dispositions()
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await agent.Host.RunAsync(1, new ExecRequest(["/bin/sh", "-c", "kill -PIPE $$; echo survived"], User: "nobody"));

        Assert.Equal(new ExecExited(141, 13), outcome.Exited);
        Assert.Empty(outcome.Stdout);
    }

    [Fact]
    public async Task An_unknown_user_gets_ExecFailed_and_the_session_keeps_serving()
    {
        await using var agent = await AgentHarness.StartAsync();

        var failed = await agent.Host.RunAsync(1, new ExecRequest(["id"], User: "no-such-user"));
        var badGroup = await agent.Host.RunAsync(2, new ExecRequest(["id"], User: "nobody:no-such-group"));
        var next = await agent.Host.RunAsync(3, new ExecRequest(["id", "-u"], User: "nobody"));

        Assert.Equal("cannot run 'id': unknown user 'no-such-user' in the image", failed.Failure);
        Assert.Single(failed.Frames);
        Assert.Equal("cannot run 'id': unknown group 'no-such-group' in the image", badGroup.Failure);
        Assert.Equal("65534\n", next.StdoutText);
    }

    [Fact]
    public async Task Failures_after_the_switch_of_user_come_back_as_ExecFailed()
    {
        await using var agent = await AgentHarness.StartAsync();
        var directory = Directory.CreateTempSubdirectory("faas-agent-private-").FullName;
        try
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var rootOnly = Path.Join(Path.GetTempPath(), $"faas-agent-root-only-{Guid.NewGuid():N}");
            await File.WriteAllTextAsync(rootOnly, "#!/bin/sh\necho ran\n", TestContext.Current.CancellationToken);
            File.SetUnixFileMode(rootOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            try
            {
                var notOnPath = await agent.Host.RunAsync(1, new ExecRequest(["no-such-program-anywhere"], User: "nobody"));
                var denied = await agent.Host.RunAsync(2, new ExecRequest([rootOnly], User: "nobody"));
                var cannotEnter = await agent.Host.RunAsync(3, new ExecRequest(["/bin/true"], WorkingDirectory: directory, User: "nobody"));
                var asRoot = await agent.Host.RunAsync(4, new ExecRequest([rootOnly], WorkingDirectory: directory, User: "root"));

                Assert.Equal("cannot run 'no-such-program-anywhere': not found in PATH (/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)", notOnPath.Failure);
                Assert.Equal($"cannot run '{rootOnly}': Permission denied", denied.Failure);
                Assert.Equal($"cannot run '/bin/true': cannot enter working directory '{directory}': Permission denied", cannotEnter.Failure);
                Assert.Equal("ran\n", asRoot.StdoutText);
                Assert.All([notOnPath, denied, cannotEnter], outcome => Assert.Single(outcome.Frames));
            }
            finally
            {
                File.Delete(rootOnly);
            }
        }
        finally
        {
            Directory.Delete(directory);
        }
    }

    [Fact]
    public async Task Commands_as_several_users_run_concurrently()
    {
        await using var agent = await AgentHarness.StartAsync();
        var channels = Enumerable.Range(1, 12).Select(i => (uint)i).ToArray();

        foreach (var channel in channels)
        {
            await agent.Host.SendExecAsync(channel, new ExecRequest(["sh", "-c", "id -u; exit $(( $(id -u) % 7 ))"], User: $"{20000 + channel}"));
        }

        var outcomes = await agent.Host.CollectAsync(channels);

        Assert.All(channels, channel =>
        {
            Assert.Equal($"{20000 + channel}\n", outcomes[channel].StdoutText);
            Assert.Equal(new ExecExited((int)((20000 + channel) % 7)), outcomes[channel].Exited);
        });
    }

    private static void KillProcess(int pid) =>
        System.Diagnostics.Process.Start("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
}
