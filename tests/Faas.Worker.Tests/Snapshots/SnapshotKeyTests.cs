using Faas.Guest.Protocol.Messages;
using Faas.Worker.Functions;
using Faas.Worker.Snapshots;

namespace Faas.Worker.Tests.Snapshots;

public sealed class SnapshotKeyTests
{
    private static readonly StartFunctionRequest Start = new(
        ["/app/serve"], new Dictionary<string, string> { ["PORT"] = "8080", ["A"] = "1" }, "/app", null, 8080, 30_000);

    private static string Key(
        StartFunctionRequest? start = null, FunctionOverrides? overrides = null, string image = "sha256:aa", string kernel = "k", string agent = "a",
        string backend = "qemu/tcg", int memory = 256, int vcpus = 1) =>
        SnapshotKey.Compute(image, start ?? Start, overrides ?? new FunctionOverrides(), kernel, agent, backend, memory, vcpus);

    [Fact]
    public void Is_stable_and_ignores_environment_order_and_the_ready_timeout()
    {
        var reordered = Start with
        {
            Environment = new Dictionary<string, string> { ["A"] = "1", ["PORT"] = "8080" },
            ReadyTimeoutMilliseconds = 5_000,
        };

        Assert.Equal(Key(), Key(reordered));
        Assert.Matches("^[0-9a-f]{64}$", Key());
    }

    [Fact]
    public void Changes_with_everything_a_snapshot_depends_on()
    {
        string[] keys =
        [
            Key(),
            Key(image: "sha256:bb"),
            Key(kernel: "k2"),
            Key(agent: "a2"),
            Key(backend: "qemu/kvm"),
            Key(memory: 512),
            Key(vcpus: 2),
            Key(start: Start with { Argv = ["/app/other"] }),
            Key(start: Start with { Environment = new Dictionary<string, string> { ["PORT"] = "8080", ["A"] = "2" } }),
            Key(start: Start with { User = "1000" }),
            Key(overrides: new FunctionOverrides(Environment: new Dictionary<string, string> { ["A"] = "1" })),
        ];

        Assert.Equal(keys.Length, keys.Distinct().Count());
    }
}
