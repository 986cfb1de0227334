using Faas.Cli.Client;

namespace Faas.Cli.Tests.Client;

public sealed class SpecValuesTests
{
    [Theory]
    [InlineData("256Mi", true)]
    [InlineData("1Gi", true)]
    [InlineData("512M", true)]
    [InlineData("1.5G", true)]
    [InlineData("300", true)]
    [InlineData("256MB", false)]
    [InlineData("lots", false)]
    [InlineData("256 Mi", false)]
    [InlineData("-1Mi", false)]
    public void Memory_sizes(string text, bool valid) => Assert.Equal(valid, SpecValues.IsMemory(text));

    [Theory]
    [InlineData("1", true)]
    [InlineData("0.5", true)]
    [InlineData("500m", true)]
    [InlineData("two", false)]
    [InlineData("1 cpu", false)]
    public void Cpu_counts(string text, bool valid) => Assert.Equal(valid, SpecValues.IsCpu(text));

    [Fact]
    public void Check_names_every_bad_value()
    {
        var problems = SpecValues.Check(new FunctionDeployment
        {
            Service = "hello",
            Image = "x",
            Memory = "lots",
            Timeout = "forever",
            Limits = new FunctionResources(Cpu: "two"),
            MinInstances = 5,
            MaxInstances = 2,
            Port = 70000,
        });

        Assert.Collection(
            problems,
            p => Assert.StartsWith("memory 'lots'", p, StringComparison.Ordinal),
            p => Assert.StartsWith("limits.cpu 'two'", p, StringComparison.Ordinal),
            p => Assert.StartsWith("timeout 'forever'", p, StringComparison.Ordinal),
            p => Assert.StartsWith("min instances (5) is above max instances (2)", p, StringComparison.Ordinal),
            p => Assert.StartsWith("port 70000", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_refuses_a_name_that_is_not_a_dns_label_of_at_most_50_characters()
    {
        foreach (var name in new[] { "Hello", new string('a', 51) })
        {
            var problem = Assert.Single(SpecValues.Check(new FunctionDeployment { Service = name, Image = "x" }));
            Assert.Equal($"name '{name}': must be a DNS label (a-z, 0-9, '-') of at most 50 characters", problem);
        }
    }

    [Fact]
    public void Check_accepts_a_plain_deployment()
    {
        Assert.Empty(SpecValues.Check(new FunctionDeployment { Service = "hello", Image = "127.0.0.1:5000/samples/python-http:latest" }));
    }
}
