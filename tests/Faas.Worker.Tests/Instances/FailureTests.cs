using Faas.Tests.Shared;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Faas.Guest.Protocol;
using Faas.Guest.Protocol.Messages;
using Faas.Vmm.Qemu;
using Faas.Worker.Functions;
using Faas.Worker.Http;
using Faas.Worker.Instances;
using Faas.Worker.Tests.Support;

namespace Faas.Worker.Tests.Instances;

/// <summary>Functions that crash, hang or never get ready fail with a clear error, and the worker goes on serving.</summary>
[Collection(WorkerGroup.Name)]
public sealed class FailureTests(WorkerFixture worker)
{
    /// <summary>A function that takes two seconds to answer each call: calls stay in flight long enough to act on them.</summary>
    private static readonly FunctionOverrides SlowFunction = new(Entrypoint:
    [
        "/bin/busybox", "nc", "-ll", "-p", "8080", "-e", "/bin/sh", "-c",
        "sleep 2; printf 'HTTP/1.0 200 OK\\r\\nContent-Length: 4\\r\\n\\r\\nslow'",
    ]);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_function_that_exits_at_start_fails_its_deploy_with_its_exit_code_and_last_output()
    {
        var deploy = new DeployRequest
        {
            Image = SampleImages.Reference(SampleImages.Busybox),
            Entrypoint = ["/bin/sh", "-c", "echo going down; exit 3"],
        };

        using var response = await worker.Client.PutAsJsonAsync("/_faas/functions/tests/exits-at-start", deploy, WorkerJsonContext.Default.DeployRequest, Token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("tests/exits-at-start", problem.Function);
        Assert.Contains("exited with code 3", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("going down", problem.OutputTail, StringComparison.Ordinal);
        Assert.Null(worker.Manager.GetFunction(new FunctionKey("tests", "exits-at-start")));
    }

    [Fact]
    public async Task A_function_that_listens_on_the_wrong_port_fails_its_deploy_naming_the_port_while_another_keeps_serving()
    {
        await worker.DeploySampleAsync(SampleImages.Busybox);
        var deploy = worker.Manager.DeployAsync(
            WorkerFixture.Sample("wrong-port", SampleImages.Busybox) with
            {
                Overrides = new FunctionOverrides(Entrypoint: ["/bin/busybox", "nc", "-ll", "-p", "9999", "-e", "/bin/busybox", "true"]),
                ReadyTimeout = TimeSpan.FromSeconds(4),
            },
            cancellationToken: Token);

        var served = 0;
        while (!deploy.IsCompleted)
        {
            using var response = await worker.Client.GetAsync(WorkerFixture.PathOf(SampleImages.Busybox, "/"), Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            served++;
        }

        var failure = await Assert.ThrowsAsync<FunctionStartException>(() => deploy);
        Assert.Contains("not ready on port 8080", failure.Message, StringComparison.Ordinal);
        Assert.Contains("tests/wrong-port", failure.Message, StringComparison.Ordinal);
        Assert.True(served > 0);
    }

    [Fact]
    public async Task A_call_that_outlives_the_timeout_gets_504_and_the_next_call_a_new_instance_while_another_function_keeps_serving()
    {
        await worker.DeploySampleAsync(SampleImages.Busybox);
        await worker.DeployOnceAsync(WorkerFixture.Sample("hangs", SampleImages.Busybox) with
        {
            Overrides = new FunctionOverrides(Entrypoint: ["/bin/busybox", "nc", "-ll", "-p", "8080", "-e", "/bin/busybox", "sleep", "3600"]),
            Timeout = TimeSpan.FromSeconds(2),
        });

        var clock = Stopwatch.StartNew();
        var hanging = worker.Client.GetAsync(WorkerFixture.PathOf("hangs", "/"), Token);
        using (var other = await worker.Client.GetAsync(WorkerFixture.PathOf(SampleImages.Busybox, "/"), Token))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }

        using var first = await hanging;
        var elapsed = clock.Elapsed;
        Assert.Equal(HttpStatusCode.GatewayTimeout, first.StatusCode);
        Assert.InRange(elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        var problem = await Problem.ReadAsync(first);
        Assert.Equal("tests/hangs", problem.Function);
        Assert.Contains("timeout of 2 s", problem.Detail, StringComparison.Ordinal);
        var firstInstance = Responses.Instance(first);
        Assert.Equal(firstInstance, problem.Instance);
        Assert.DoesNotContain(worker.Manager.ListInstances(), instance => instance.Id == firstInstance);

        using var second = await worker.Client.GetAsync(WorkerFixture.PathOf("hangs", "/"), Token);
        Assert.Equal(HttpStatusCode.GatewayTimeout, second.StatusCode);
        Assert.NotEqual(firstInstance, Responses.Instance(second));
    }

    [Fact]
    public async Task A_function_killed_during_a_call_fails_that_call_with_502_naming_it_and_the_next_call_gets_a_new_instance()
    {
        var key = new FunctionKey(WorkerFixture.Tenant, "killed");
        await worker.DeployOnceAsync(WorkerFixture.Sample("killed", SampleImages.Busybox) with { Overrides = SlowFunction });
        await worker.Manager.StopInstancesAsync(key, Token);
        var victim = (await worker.Manager.StartInstanceAsync(key, StartKind.Restore, Token)).Id;

        var call = worker.Client.GetAsync(WorkerFixture.PathOf("killed", "/"), Token);
        await WaitUntilAsync(() => worker.Manager.ListInstances(key).Any(instance => instance.Id == victim && instance.State == InstanceState.Busy));
        var vm = worker.Manager.FindVm(victim) ?? throw new InvalidOperationException($"instance {victim} has no VM");
        var kill = await vm.Agent.ExecAsync(new ExecRequest([GuestPaths.Busybox, "kill", "-9", "-1"]), cancellationToken: Token);
        // The function's death stops the VM, which may happen before the kill's own reply comes back.
        Assert.True(kill.Error is null || kill.Error.Contains("the VM stopped", StringComparison.Ordinal), kill.Error);

        using var response = await call;
        Assert.True(
            response.StatusCode == HttpStatusCode.BadGateway,
            $"{response.StatusCode} from {Responses.Instance(response)} (victim {victim}): {await response.Content.ReadAsStringAsync(Token)}\n"
            + string.Join('\n', worker.Manager.GetLogs(key).Select(l => $"{l.Timestamp:O} {l.InstanceId} {l.Stream} {l.Text}")));
        var problem = await Problem.ReadAsync(response);
        Assert.Equal(key.ToString(), problem.Function);
        Assert.Equal(victim, problem.Instance);
        Assert.Contains("killed by signal 9", problem.Detail, StringComparison.Ordinal);

        using var next = await worker.Client.GetAsync(WorkerFixture.PathOf("killed", "/"), Token);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal("slow", await next.Content.ReadAsStringAsync(Token));
        Assert.Equal("restore", Responses.Start(next));
        Assert.NotEqual(victim, Responses.Instance(next));
        Assert.Contains(worker.Manager.GetLogs(key), line => line.InstanceId == victim && line.Text.Contains("killed by signal 9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_vm_that_dies_is_removed_and_the_next_call_gets_a_new_instance()
    {
        await worker.DeployOnceAsync(WorkerFixture.Sample("vm-dies", SampleImages.Busybox));
        using var warmUp = await worker.Client.GetAsync(WorkerFixture.PathOf("vm-dies", "/"), Token);
        var victim = Responses.Instance(warmUp)!;
        var vm = (QemuMicroVm)(worker.Manager.FindVm(victim) ?? throw new InvalidOperationException($"instance {victim} has no VM"));

        Process.GetProcessById(vm.ProcessId).Kill();
        await vm.Exited.WaitAsync(TimeSpan.FromSeconds(30), Token);
        await WaitUntilAsync(() => worker.Manager.ListInstances().All(instance => instance.Id != victim));

        using var next = await worker.Client.GetAsync(WorkerFixture.PathOf("vm-dies", "/"), Token);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.NotEqual(victim, Responses.Instance(next));
        Assert.Contains(
            worker.Manager.GetLogs(new FunctionKey(WorkerFixture.Tenant, "vm-dies")),
            line => line.InstanceId == victim && line.Text.Contains("stopped unexpectedly", StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(30), "the condition did not become true within 30 s");
            await Task.Delay(50, Token);
        }
    }
}
