using Faas.Gateway.Management;
using Faas.Scheduler.Functions;

namespace Faas.Gateway.Tests.Management;

public sealed class FunctionViewsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_view_shows_the_spec_in_the_deploy_requests_own_units_and_counts_replicas_of_the_current_version()
    {
        var spec = new FunctionSpec
        {
            Image = "127.0.0.1:5000/samples/python-http:latest",
            Command = ["python3", "/app/server.py", "--greeting", "hi there"],
            EnvVars = new Dictionary<string, string> { ["A"] = "1" },
            MemoryMiB = 1024,
            VcpuCount = 2,
            MaxInstances = 4,
            KeepAlive = TimeSpan.FromMinutes(5),
            Timeout = TimeSpan.FromSeconds(30),
            Port = 9000,
        };
        var description = new FunctionDescription("acme", "hello", 2, spec, "sha256:abc", "ready", Now, [
            new InstanceDescription("i-old", "local", 1, "draining", "restore", 1, Now),
            new InstanceDescription("i-busy", "local", 2, "busy", "restore", 1, Now),
            new InstanceDescription("i-idle", "local", 2, "idle", "warm", 0, Now),
            new InstanceDescription("i-new", "local", 2, "starting", "boot", 0, Now),
        ], 42);

        var view = FunctionViews.Of(description);

        Assert.Equal("hello", view.Name);
        Assert.Equal("acme", view.Namespace);
        Assert.Equal("python3 /app/server.py --greeting 'hi there'", view.EnvProcess);
        Assert.Equal("1Gi", view.Memory);
        Assert.Equal(new ResourcesView("1Gi", "2"), view.Limits);
        Assert.Equal("5m0s", view.KeepAlive);
        Assert.Equal("30s", view.Timeout);
        Assert.Equal(9000, view.Port);
        Assert.Equal(3, view.Replicas);
        Assert.Equal(2, view.AvailableReplicas);
        Assert.Equal(42, view.InvocationCount);
        Assert.Equal(Now, view.CreatedAt);
        Assert.Equal(4, view.Instances.Count);
        Assert.Equal(new InstanceView("i-old", "local", 1, "draining", "restore", 1, Now), view.Instances[0]);
    }

    [Fact]
    public void A_function_without_its_own_command_has_no_env_process()
    {
        var description = new FunctionDescription("acme", "hello", 1, new FunctionSpec { Image = "i" }, "sha256:abc", "ready", Now, [], 0);

        Assert.Null(FunctionViews.Of(description).EnvProcess);
    }
}
