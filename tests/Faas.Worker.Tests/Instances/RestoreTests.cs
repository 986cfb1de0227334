using Faas.Tests.Shared;
using System.Net;
using System.Text.Json;
using Faas.Worker.Functions;
using Faas.Worker.Instances;
using Faas.Worker.Logs;
using Faas.Worker.Snapshots;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Instances;

/// <summary>A deploy snapshots the ready function; instances restored from it do not re-run its initialisation, get fresh entropy, and log.</summary>
[Collection(WorkerGroup.Name)]
public sealed class RestoreTests(WorkerFixture worker)
{
    private const string Function = "restored";

    private static readonly FunctionKey Key = new(WorkerFixture.Tenant, Function);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deploy_snapshots_the_ready_function_so_the_first_call_is_a_restore_then_warm()
    {
        var deployed = await DeployAsync();

        Assert.Equal(SnapshotState.Ready, deployed.Snapshot.State);
        Assert.True(File.Exists(Path.Combine(deployed.Snapshot.Directory!, "function.json")));
        Assert.StartsWith(worker.SnapshotDirectory, deployed.Snapshot.Directory, StringComparison.Ordinal);
        await worker.Manager.StopInstancesAsync(Key, Token);

        using var first = await worker.Client.GetAsync(WorkerFixture.PathOf(Function, "/"), Token);
        using var second = await worker.Client.GetAsync(WorkerFixture.PathOf(Function, "/"), Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("restore", Responses.Start(first));
        Assert.Equal("warm", Responses.Start(second));
        Assert.Equal(Responses.Instance(first), Responses.Instance(second));
        var instance = Assert.Single(worker.Manager.ListInstances(Key));
        Assert.Equal((InstanceState.Idle, StartKind.Restore, 2L), (instance.State, instance.Start, instance.Calls));
    }

    [Fact]
    public async Task Restored_clones_answer_init_with_the_snapshots_init_time_and_their_first_random_differs()
    {
        var deployed = await DeployAsync();
        var clones = new List<(JsonElement Init, string Random, string Instance)>();
        for (var clone = 0; clone < 2; clone++)
        {
            await worker.Manager.StopInstancesAsync(Key, Token);
            using var random = await worker.Client.GetAsync(WorkerFixture.PathOf(Function, "/random"), Token);
            Assert.Equal("restore", Responses.Start(random));
            using var init = await worker.Client.GetAsync(WorkerFixture.PathOf(Function, "/init"), Token);
            Assert.Equal("warm", Responses.Start(init));
            clones.Add((JsonDocument.Parse(await init.Content.ReadAsStringAsync(Token)).RootElement.Clone(), await random.Content.ReadAsStringAsync(Token), Responses.Instance(init)!));
        }

        var (a, b) = (clones[0], clones[1]);
        Assert.NotEqual(a.Instance, b.Instance);
        Assert.Equal(a.Init.GetProperty("initAt").GetInt64(), b.Init.GetProperty("initAt").GetInt64());
        Assert.Equal(a.Init.GetProperty("pid").GetInt32(), b.Init.GetProperty("pid").GetInt32());
        Assert.True(
            DateTimeOffset.FromUnixTimeMilliseconds(a.Init.GetProperty("initAt").GetInt64()) <= deployed.Snapshot.CreatedAt,
            "the function initialised before its snapshot was taken, not after a restore");
        Assert.Matches("^[0-9a-f]{64}$", a.Random);
        Assert.NotEqual(a.Random, b.Random);
    }

    [Fact]
    public async Task The_output_of_restored_instances_reaches_the_functions_log_with_their_instance_id()
    {
        await DeployAsync();
        using var response = await worker.Client.GetAsync(WorkerFixture.PathOf(Function, "/status/201"), Token);
        var instance = Responses.Instance(response)!;

        var lines = await WaitForLogAsync(line => line.InstanceId == instance && line.Text == "busybox-http GET /status/201");

        Assert.Equal(LogSource.Stdout, lines.Stream);
        Assert.Contains(worker.Manager.GetLogs(Key), line => line.Stream == LogSource.Stdout && line.Text == "busybox-http listening on :8080");
        Assert.Contains(worker.Manager.GetLogs(Key), line => line.InstanceId == instance && line.Stream == LogSource.Platform && line.Text.Contains("restored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_function_without_snapshot_boots_every_new_instance()
    {
        await worker.DeployOnceAsync(WorkerFixture.Sample("no-snapshot", SampleImages.Busybox) with { Snapshot = false });
        var key = new FunctionKey(WorkerFixture.Tenant, "no-snapshot");
        Assert.Equal(SnapshotState.Disabled, worker.Manager.GetSnapshotStatus(key)!.State);

        using var warm = await worker.Client.GetAsync(WorkerFixture.PathOf("no-snapshot", "/"), Token);
        await worker.Manager.StopInstancesAsync(key, Token);
        using var booted = await worker.Client.GetAsync(WorkerFixture.PathOf("no-snapshot", "/"), Token);

        Assert.Equal(HttpStatusCode.OK, booted.StatusCode);
        Assert.Equal("boot", Responses.Start(booted));
        Assert.True(Responses.Start(warm) is "warm" or "boot", $"start: {Responses.Start(warm)}");
    }

    /// <summary>An environment of its own gives it a snapshot of its own, taken by its own deploy (so its log has the boot's lines).</summary>
    private Task<FunctionStatus> DeployAsync() => worker.DeployOnceAsync(WorkerFixture.Sample(Function, SampleImages.Busybox) with
    {
        Overrides = new FunctionOverrides(Environment: new Dictionary<string, string> { ["FAAS_TEST_FUNCTION"] = Function }),
    });

    private async Task<LogLine> WaitForLogAsync(Func<LogLine, bool> match)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (worker.Manager.GetLogs(Key).FirstOrDefault(match) is { } line)
            {
                return line;
            }

            await Task.Delay(50, Token);
        }

        throw new InvalidOperationException($"no such line in the log of {Key}:\n{string.Join('\n', worker.Manager.GetLogs(Key).Select(l => $"{l.InstanceId} {l.Stream} {l.Text}"))}");
    }
}
