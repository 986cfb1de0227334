using Faas.Scheduler.Functions;

namespace Faas.Scheduler.Tests.Functions;

public sealed class FunctionSpecsTests
{
    private static FunctionSpec Spec() => new()
    {
        Image = "127.0.0.1:5000/hello:1",
        Command = ["python3", "main.py"],
        EnvVars = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" },
        Labels = new Dictionary<string, string> { ["team"] = "web" },
    };

    [Fact]
    public void Specs_with_equal_lists_and_dictionaries_are_equal_whatever_the_instances_or_the_order_of_keys()
    {
        var reordered = Spec() with { EnvVars = new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" }, Command = ["python3", "main.py"] };

        Assert.NotEqual(Spec(), reordered);
        Assert.True(FunctionSpecs.AreEqual(Spec(), reordered));
    }

    [Fact]
    public void Any_changed_field_makes_specs_differ()
    {
        FunctionSpec[] changed =
        [
            Spec() with { Image = "127.0.0.1:5000/hello:2" },
            Spec() with { Command = ["python3"] },
            Spec() with { Command = null },
            Spec() with { EnvVars = new Dictionary<string, string> { ["A"] = "1", ["B"] = "3" } },
            Spec() with { Labels = new Dictionary<string, string>() },
            Spec() with { Annotations = new Dictionary<string, string> { ["x"] = "y" } },
            Spec() with { MemoryMiB = 512 },
            Spec() with { VcpuCount = 2 },
            Spec() with { MinInstances = 1 },
            Spec() with { MaxInstances = 3 },
            Spec() with { MaxConcurrency = 4 },
            Spec() with { KeepAlive = TimeSpan.FromMinutes(1) },
            Spec() with { Timeout = TimeSpan.FromSeconds(5) },
            Spec() with { Port = 9000 },
            Spec() with { User = "1000" },
            Spec() with { MaxRequestBytes = 1024 },
        ];

        Assert.All(changed, spec => Assert.False(FunctionSpecs.AreEqual(Spec(), spec)));
    }
}
