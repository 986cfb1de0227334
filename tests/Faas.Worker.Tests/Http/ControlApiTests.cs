using Faas.Tests.Shared;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Faas.Worker.Http;
using Faas.Worker.Instances;
using Faas.Worker.Snapshots;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Http;

/// <summary>The local control API: deploy, list, logs, start and stop instances.</summary>
[Collection(WorkerGroup.Name)]
public sealed class ControlApiTests(WorkerFixture worker)
{
    private const string Function = "control";

    private static readonly JsonSerializerOptions Json = new(WorkerJsonContext.Default.Options);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Deploy_list_call_read_logs_and_stop_an_instance()
    {
        var deploy = new DeployRequest { Image = SampleImages.Reference(SampleImages.Busybox), MemoryMiB = 256, TimeoutSeconds = 20, MaxInstances = 3 };
        using (var deployed = await worker.Client.PutAsJsonAsync($"/_faas/functions/tests/{Function}", deploy, WorkerJsonContext.Default.DeployRequest, Token))
        {
            Assert.Equal(HttpStatusCode.OK, deployed.StatusCode);
            var view = await deployed.Content.ReadFromJsonAsync<FunctionView>(Json, Token);
            Assert.Equal((SnapshotState.Ready, 8080, 20.0, 3), (view!.Snapshot.State, view.Port, view.TimeoutSeconds, view.MaxInstances));
            Assert.StartsWith("sha256:", view.ImageDigest, StringComparison.Ordinal);
        }

        var functions = await worker.Client.GetFromJsonAsync<IReadOnlyList<FunctionView>>("/_faas/functions", Json, Token);
        Assert.Contains(functions!, f => f.Tenant == "tests" && f.Name == Function);

        using var call = await worker.Client.GetAsync(WorkerFixture.PathOf(Function, "/status/202"), Token);
        var instance = Responses.Instance(call)!;
        var instances = await worker.Client.GetFromJsonAsync<IReadOnlyList<InstanceInfo>>($"/_faas/functions/tests/{Function}/instances", Json, Token);
        Assert.Contains(instances!, i => i.Id == instance && i.State == InstanceState.Idle && i.Start == StartKind.Restore);

        var text = await worker.Client.GetStringAsync($"/_faas/functions/tests/{Function}/logs?format=text", Token);
        Assert.Contains($"{instance} stdout busybox-http GET /status/202", text, StringComparison.Ordinal);
        var lines = await worker.Client.GetFromJsonAsync<IReadOnlyList<Faas.Worker.Logs.LogLine>>($"/_faas/functions/tests/{Function}/logs", Json, Token);
        var after = lines![^1].Sequence;
        Assert.Empty((await worker.Client.GetFromJsonAsync<IReadOnlyList<Faas.Worker.Logs.LogLine>>($"/_faas/functions/tests/{Function}/logs?after={after}", Json, Token))!);

        using var stopped = await worker.Client.DeleteAsync($"/_faas/instances/{instance}", Token);
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.DoesNotContain(worker.Manager.ListInstances(), i => i.Id == instance);
        using var again = await worker.Client.DeleteAsync($"/_faas/instances/{instance}", Token);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains(instance, (await Problem.ReadAsync(again)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_started_ahead_of_calls_by_boot_serves_the_next_call_warm()
    {
        await worker.DeployOnceAsync(WorkerFixture.Sample("ahead", SampleImages.Busybox));
        await worker.Manager.StopInstancesAsync(new("tests", "ahead"), Token);

        using var started = await worker.Client.PostAsJsonAsync("/_faas/functions/tests/ahead/instances", new StartInstanceRequest(StartKind.Boot), WorkerJsonContext.Default.StartInstanceRequest, Token);
        var instance = await started.Content.ReadFromJsonAsync<InstanceInfo>(Json, Token);
        using var call = await worker.Client.GetAsync(WorkerFixture.PathOf("ahead", "/"), Token);

        Assert.Equal((InstanceState.Idle, StartKind.Boot, 0L), (instance!.State, instance.Start, instance.Calls));
        Assert.Equal(("warm", instance.Id), (Responses.Start(call), Responses.Instance(call)));
    }

    [Fact]
    public async Task An_invalid_deploy_is_a_400_problem()
    {
        var deploy = new DeployRequest { Image = SampleImages.Reference(SampleImages.Busybox), MemoryMiB = 8 };

        using var response = await worker.Client.PutAsJsonAsync("/_faas/functions/tests/too-small", deploy, WorkerJsonContext.Default.DeployRequest, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("memory", (await Problem.ReadAsync(response)).Detail, StringComparison.Ordinal);
    }
}
