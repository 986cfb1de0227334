using Faas.LoadTest.Scenarios;
using Faas.Tests.Shared;

namespace Faas.LoadTest.Tests.Scenarios;

/// <summary>The repository's scenario files, as the built-in engine reads them.</summary>
public sealed class ScenarioReaderTests
{
    private static readonly ScenarioCatalog Catalog = new(Path.Combine(RepositoryRoot.Path, "loadtest"));

    [Fact]
    public void The_four_scenarios_are_there_each_with_a_k6_script()
    {
        Assert.Equal(["burst", "cold", "mixed", "steady"], Catalog.Names());
        Assert.All(Catalog.Names(), name => Assert.True(File.Exists(Catalog.ScriptPath(name)), $"no k6 script for {name}"));
    }

    [Fact]
    public void Cold_deploys_one_function_per_call()
    {
        var cold = Catalog.Load("cold");

        Assert.Equal(Executor.ConstantArrivalRate, cold.Executor);
        var stream = Assert.Single(cold.Streams);
        Assert.True(stream.NewFunctionPerCall);
        Assert.Equal(stream.Calls, stream.FunctionCount);
        Assert.Equal(ScenarioReader.Arrivals(stream.Rate, cold.Duration), stream.Calls);
        Assert.Equal(stream.Calls, stream.FunctionNames("abc123").Distinct().Count());
        Assert.Equal("lt-cold-abc123-1", stream.FunctionNames("abc123")[0]);
    }

    [Fact]
    public void Burst_raises_maxInstances_to_the_burst_size()
    {
        var burst = Catalog.Load("burst", new ScenarioOverrides(Concurrency: 25));

        var stream = Assert.Single(burst.Streams);
        Assert.Equal(Executor.Burst, burst.Executor);
        Assert.Equal(25, stream.Calls);
        Assert.True(stream.Function.MaxInstances >= 25);
    }

    [Fact]
    public void Mixed_has_tenants_of_its_own()
    {
        var mixed = Catalog.Load("mixed");

        Assert.True(mixed.Streams.Count >= 2);
        Assert.Equal(mixed.Streams.Count, mixed.Streams.Select(stream => stream.TenantName("r1")).Distinct().Count());
        Assert.DoesNotContain(mixed.Streams, stream => stream.TenantName("r1") == StreamPlan.DefaultTenant);
    }

    [Fact]
    public void Overrides_replace_rate_duration_and_concurrency()
    {
        var steady = Catalog.Load("steady", new ScenarioOverrides(Rate: 3, Duration: "4s", Concurrency: 6));

        var stream = Assert.Single(steady.Streams);
        Assert.Equal(3, stream.Rate);
        Assert.Equal(TimeSpan.FromSeconds(4), steady.Duration);
        Assert.Equal(12, stream.Calls);
        Assert.Equal(6, steady.Concurrency);
    }

    [Theory]
    [InlineData("""{"name":"x","executor":"ramp","streams":[]}""", "executor")]
    [InlineData("""{"name":"x","streams":[]}""", "no streams")]
    [InlineData("""{"name":"x","duration":"soon","streams":[{"rate":1,"function":{"name":"f","image":"i"}}]}""", "duration")]
    [InlineData("""{"name":"x","duration":"1s","streams":[{"rate":0,"function":{"name":"f","image":"i"}}]}""", "rate")]
    [InlineData("""{"name":"x","duration":"1s","streams":[{"rate":1,"function":{"name":"f"}}]}""", "image")]
    [InlineData("""{"name":"x","duration":"1s","streams":[{"rate":1,"function":{"name":"f","image":"i","path":"x"}}]}""", "path")]
    [InlineData("""{"name":"x","unknown":1,"streams":[]}""", "unknown")]
    public void Invalid_files_are_refused_naming_the_field(string json, string expected)
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioReader.Parse(json));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
