using System.Globalization;
using Faas.Common.Net;
using Faas.Guest.Agent.Tests.Support;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;

namespace Faas.Guest.Agent.Tests.Session;

/// <summary>StartFunction with real servers: busybox httpd and Python's http.server.</summary>
[Collection(ThreadIdentityTests.Name)]
public sealed class StartFunctionTests : IDisposable
{
    private const int GenerousTimeoutMilliseconds = 20_000;

    private readonly string _site = Directory.CreateTempSubdirectory("faas-agent-site-").FullName;
    private readonly int _port = FreePort.Pick();
    private readonly List<int> _readyFunctions = [];

    public StartFunctionTests()
    {
        File.WriteAllText(Path.Join(_site, "index.html"), "hello from the function\n");
        File.SetUnixFileMode(_site, (UnixFileMode)0b111_101_101);
    }

    /// <summary>A test that failed half-way leaves no server behind.</summary>
    public void Dispose()
    {
        foreach (var pid in _readyFunctions.Where(pid => Directory.Exists($"/proc/{pid}")))
        {
            KillProcess(pid, "KILL");
        }

        Directory.Delete(_site, recursive: true);
    }

    [Fact]
    public async Task A_server_that_listens_is_reported_ready_and_serves()
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await StartAsync(agent, Function(["busybox", "httpd", "-f", "-p", $"127.0.0.1:{_port}", "-h", _site]));

        Assert.NotNull(outcome.Ready);
        Assert.Contains("httpd", await File.ReadAllTextAsync($"/proc/{outcome.Ready.ProcessId}/cmdline", TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.InRange(outcome.Ready.StartToReadyMilliseconds, 0, GenerousTimeoutMilliseconds);
        using var http = new HttpClient();
        Assert.Equal("hello from the function\n", await http.GetStringAsync(new Uri($"http://127.0.0.1:{_port}/"), TestContext.Current.CancellationToken));

        // It keeps running until it ends, then its exit arrives on the same channel.
        KillProcess(outcome.Ready.ProcessId, "TERM");
        await agent.Host.CollectUntilAsync(1, outcome => outcome.IsComplete, outcome);
        Assert.Equal(new ExecExited(143, 15), outcome.Exited);
        Assert.Equal(MessageType.FunctionReady, outcome.Frames[0].Type);
    }

    [Fact]
    public async Task The_function_gets_PORT_and_exactly_its_environment_and_runs_in_its_directory()
    {
        await using var agent = await AgentHarness.StartAsync();
        var script = $"env | sort; pwd; exec busybox httpd -f -p 127.0.0.1:$PORT";

        var outcome = await StartAsync(agent, Function(["/bin/sh", "-c", script], new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["MODE"] = "test" }) with { WorkingDirectory = _site });
        await WaitForOutputAsync(agent, outcome, "\n" + _site + "\n");

        Assert.NotNull(outcome.Ready);
        var lines = outcome.StdoutText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["HOME=/root", "MODE=test", "PATH=/usr/bin:/bin", $"PORT={_port}", $"PWD={_site}", _site], lines);
        KillProcess(outcome.Ready.ProcessId, "KILL");
        await agent.Host.CollectUntilAsync(1, outcome => outcome.IsComplete, outcome);
    }

    [Fact]
    public async Task A_server_on_IPv6_loopback_only_is_ready_too()
    {
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await StartAsync(agent, Function(["python3", "-m", "http.server", $"{_port}", "--bind", "::1", "--directory", _site], Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().ToDictionary(variable => (string)variable.Key, variable => (string)variable.Value!)));

        Assert.True(outcome.Ready is not null, $"not ready: {outcome.Failure}{outcome.Exited?.OutputTail}");
        KillProcess(outcome.Ready.ProcessId, "KILL");
        await agent.Host.CollectUntilAsync(1, outcome => outcome.IsComplete, outcome);
        Assert.Equal(new ExecExited(137, 9), outcome.Exited);
    }

    [Fact]
    public async Task A_function_that_exits_before_it_is_ready_reports_its_exit_and_last_output()
    {
        await using var agent = await AgentHarness.StartAsync();

        await agent.Host.SendStartFunctionAsync(1, Function(["sh", "-c", "for i in $(seq 1 30); do echo line $i; done; echo boom; exit 3"]));
        var outcome = await agent.Host.CollectUntilAsync(1, outcome => outcome.IsComplete);

        Assert.Null(outcome.Ready);
        Assert.NotNull(outcome.Exited);
        Assert.Equal(3, outcome.Exited.ExitCode);
        Assert.Null(outcome.Exited.Signal);
        var tail = outcome.Exited.OutputTail!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20, tail.Length);
        Assert.Equal("line 12", tail[0]);
        Assert.Equal("boom", tail[^1]);
        Assert.Equal(MessageType.ExecExited, outcome.Frames[^1].Type);
    }

    [Fact]
    public async Task A_function_that_never_listens_is_killed_with_its_process_group_and_fails()
    {
        await using var agent = await AgentHarness.StartAsync();
        var pids = Path.Join(_site, "pids");
        var script = $"echo waiting for nothing; sleep 100 & echo $! > {pids}; echo $$ >> {pids}; exec sleep 100";

        await agent.Host.SendStartFunctionAsync(1, Function(["sh", "-c", script]) with { ReadyTimeoutMilliseconds = 500 });
        var outcome = await agent.Host.CollectUntilAsync(1, outcome => outcome.IsComplete);

        Assert.Null(outcome.Ready);
        Assert.Equal($"the function is not ready on port {_port} after 500 ms; its last output:\nwaiting for nothing\n", outcome.Failure);
        var processes = (await File.ReadAllLinesAsync(pids, TestContext.Current.CancellationToken)).Select(pid => int.Parse(pid, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, processes.Count);
        Assert.False(Directory.Exists($"/proc/{processes[1]}"), "the function is still there");

        // The background child was killed with the group; its new parent reaps it shortly after.
        await WaitUntilAsync(() => !Directory.Exists($"/proc/{processes[0]}") || File.ReadAllText($"/proc/{processes[0]}/stat").Contains(") Z ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Output_keeps_streaming_after_ready_and_the_later_exit_is_reported()
    {
        await using var agent = await AgentHarness.StartAsync();
        var marker = Path.Join(_site, "go");
        var script = $"busybox httpd -f -p 127.0.0.1:$PORT & while [ ! -e {marker} ]; do sleep 0.01; done; echo after ready; kill $!; wait; exit 5";

        var outcome = await StartAsync(agent, Function(["sh", "-c", script]));
        Assert.NotNull(outcome.Ready);
        await File.WriteAllTextAsync(marker, string.Empty, TestContext.Current.CancellationToken);
        await agent.Host.CollectUntilAsync(1, outcome => outcome.IsComplete, outcome);

        Assert.Equal("after ready\n", outcome.StdoutText);
        Assert.Equal(new ExecExited(5), outcome.Exited);
    }

    [Fact]
    public async Task A_function_runs_as_its_user()
    {
        TestAgent.SkipUnlessRoot();
        await using var agent = await AgentHarness.StartAsync();

        var outcome = await StartAsync(agent, Function(["sh", "-c", "echo $HOME $(id -u); exec busybox httpd -f -p 127.0.0.1:$PORT"]) with { User = "nobody", WorkingDirectory = _site });
        await WaitForOutputAsync(agent, outcome, "\n");

        Assert.NotNull(outcome.Ready);
        Assert.Equal("/nonexistent 65534\n", outcome.StdoutText);
        Assert.Contains(File.ReadLines($"/proc/{outcome.Ready.ProcessId}/status"), line => line.StartsWith("Uid:\t65534\t65534", StringComparison.Ordinal));
        KillProcess(outcome.Ready.ProcessId, "KILL");
        await agent.Host.CollectUntilAsync(1, outcome => outcome.IsComplete, outcome);
    }

    [Fact]
    public async Task A_function_that_cannot_be_started_gets_ExecFailed()
    {
        await using var agent = await AgentHarness.StartAsync();

        var missing = await StartAndCollectAsync(agent, 1, Function(["no-such-server"]));
        var unknownUser = await StartAndCollectAsync(agent, 2, Function(["busybox", "httpd"]) with { User = "no-such-user" });
        var badPort = await StartAndCollectAsync(agent, 3, Function(["busybox", "httpd"]) with { Port = 0 });
        var badTimeout = await StartAndCollectAsync(agent, 4, Function(["busybox", "httpd"]) with { ReadyTimeoutMilliseconds = 0 });
        var empty = await StartAndCollectAsync(agent, 5, Function([]));

        Assert.Equal("cannot run 'no-such-server': not found in PATH (/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin)", missing.Failure);
        Assert.Equal("cannot run 'busybox': unknown user 'no-such-user' in the image", unknownUser.Failure);
        Assert.Equal("cannot start the function: port 0 must be within 1-65535 and the ready timeout (20000 ms) positive", badPort.Failure);
        Assert.Equal($"cannot start the function: port {_port} must be within 1-65535 and the ready timeout (0 ms) positive", badTimeout.Failure);
        Assert.Equal("cannot run an empty command: argv is empty", empty.Failure);
        Assert.Equal("still serving\n", (await agent.Host.RunAsync(6, "echo", "still serving")).StdoutText);
    }

    /// <summary>Starts the function on channel 1 and reads until it is ready or has ended.</summary>
    private async Task<CommandOutcome> StartAsync(AgentHarness agent, StartFunctionRequest request)
    {
        await agent.Host.SendStartFunctionAsync(1, request);
        var outcome = await agent.Host.CollectUntilAsync(1, outcome => outcome.Ready is not null || outcome.IsComplete);
        if (outcome.Ready is { } ready)
        {
            _readyFunctions.Add(ready.ProcessId);
        }

        return outcome;
    }

    private StartFunctionRequest Function(IReadOnlyList<string> argv, IReadOnlyDictionary<string, string>? environment = null) =>
        new(argv, environment ?? new Dictionary<string, string> { ["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" }, null, null, _port, GenerousTimeoutMilliseconds);

    private static async Task<CommandOutcome> StartAndCollectAsync(AgentHarness agent, uint channel, StartFunctionRequest request)
    {
        await agent.Host.SendStartFunctionAsync(channel, request);
        return await agent.Host.CollectUntilAsync(channel, outcome => outcome.IsComplete);
    }

    /// <summary>Output written before the server listened may still be on its way when the ready message arrives.</summary>
    private static async Task WaitForOutputAsync(AgentHarness agent, CommandOutcome outcome, string ending)
    {
        if (!outcome.StdoutText.EndsWith(ending, StringComparison.Ordinal))
        {
            await agent.Host.CollectUntilAsync(1, outcome => outcome.StdoutText.EndsWith(ending, StringComparison.Ordinal), outcome);
        }
    }

    private static void KillProcess(int pid, string signal) =>
        System.Diagnostics.Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not come true within 10 s");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
