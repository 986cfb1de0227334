using Faas.Cli.Client;

namespace Faas.Cli.Tests.Client;

public sealed class SpecValuesTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("5m0s", 300_000)]
    [InlineData("45", 45_000)]
    [InlineData("0.25", 250)]
    [InlineData("1500us", 1.5)]
    public void Go_durations_and_plain_seconds_parse(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var duration));

        Assert.Equal(milliseconds, duration.TotalMilliseconds, 3);
    }

    [Theory]
    [InlineData("")]
    [InlineData("forever")]
    [InlineData("5 minutes")]
    [InlineData("-5s")]
    [InlineData("1h30")]
    [InlineData("5d")]
    [InlineData("s")]
    public void Other_durations_are_refused(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

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

    [Theory]
    [InlineData("hello", true)]
    [InlineData("a-1", true)]
    [InlineData("Hello", false)]
    [InlineData("-x", false)]
    [InlineData("x-", false)]
    [InlineData("a_b", false)]
    public void Function_names_are_dns_labels(string name, bool valid) => Assert.Equal(valid, SpecValues.IsFunctionName(name));

    [Fact]
    public void A_function_name_is_at_most_50_characters()
    {
        Assert.True(SpecValues.IsFunctionName(new string('a', 50)));
        Assert.False(SpecValues.IsFunctionName(new string('a', 51)));
    }

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
    public void Check_accepts_a_plain_deployment()
    {
        Assert.Empty(SpecValues.Check(new FunctionDeployment { Service = "hello", Image = "127.0.0.1:5000/samples/python-http:latest" }));
    }
}
