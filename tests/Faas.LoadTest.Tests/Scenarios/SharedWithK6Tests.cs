using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using Faas.LoadTest.Scenarios;
using Faas.LoadTest.Tests.Support;
using Faas.Tests.Shared;

namespace Faas.LoadTest.Tests.Scenarios;

/// <summary>
/// The k6 scripts read the same scenario files through loadtest/lib/plan.js (plain JavaScript with no k6 import, so Node runs it):
/// for every file, with and without overrides, both readings must plan the same calls, functions and tenants.
/// </summary>
public sealed class SharedWithK6Tests
{
    private static readonly string LoadtestDirectory = Path.Combine(RepositoryRoot.Path, "loadtest");

    public static TheoryData<string, double?, string?, int?> Cases()
    {
        var cases = new TheoryData<string, double?, string?, int?>();
        foreach (var name in new ScenarioCatalog(LoadtestDirectory).Names())
        {
            cases.Add(name, null, null, null);
            cases.Add(name, 2.5, "3s", 4);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Plan_js_and_the_engine_read_a_scenario_alike(string name, double? rate, string? duration, int? concurrency)
    {
        var overrides = new ScenarioOverrides(rate, duration, concurrency);
        var scenario = new ScenarioCatalog(LoadtestDirectory).Load(name, overrides);

        using var fromJs = await ReadWithNodeAsync(name, overrides);

        var js = fromJs.RootElement;
        Assert.Equal(scenario.Name, js.GetProperty("name").GetString());
        Assert.Equal(scenario.ExecutorName, js.GetProperty("executor").GetString());
        Assert.Equal(scenario.Duration.TotalMilliseconds, js.GetProperty("durationMs").GetDouble());
        Assert.Equal(scenario.Warmup.TotalMilliseconds, js.GetProperty("warmupMs").GetDouble());
        Assert.Equal(scenario.Concurrency, js.GetProperty("concurrency").GetInt32());
        Assert.Equal(scenario.Timeout.TotalMilliseconds, js.GetProperty("timeoutMs").GetDouble());
        var streams = js.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(scenario.Streams.Count, streams.Count);
        foreach (var (stream, jsStream) in scenario.Streams.Zip(streams))
        {
            Assert.Equal(stream.TenantName("run1"), jsStream.GetProperty("tenantName").GetString());
            Assert.Equal(stream.Rate, jsStream.GetProperty("rate").GetDouble());
            Assert.Equal(stream.Calls, jsStream.GetProperty("calls").GetInt32());
            Assert.Equal(stream.WarmupCalls, jsStream.GetProperty("warmupCalls").GetInt32());
            Assert.Equal(stream.FunctionCount, jsStream.GetProperty("functionCount").GetInt32());
            Assert.Equal(stream.FunctionNames("run1"), jsStream.GetProperty("functionNames").EnumerateArray().Select(n => n.GetString()));
            Assert.Equal(
                Enumerable.Range(0, stream.Calls).Select(i => stream.TargetIndex(true, i, stream.FunctionCount)),
                jsStream.GetProperty("measuredTargets").EnumerateArray().Select(n => n.GetInt32()));
            Assert.Equal(
                Enumerable.Range(0, stream.Calls).Select(i => scenario.IntendedOffset(stream, i).TotalMilliseconds),
                jsStream.GetProperty("offsetsMs").EnumerateArray().Select(n => n.GetDouble()),
                new ToleranceComparer(1e-6));
            var function = jsStream.GetProperty("function");
            Assert.Equal(stream.Function.Name, function.GetProperty("name").GetString());
            Assert.Equal(stream.Function.Image, function.GetProperty("image").GetString());
            Assert.Equal(stream.Function.Path, function.GetProperty("path").GetString());
            Assert.Equal(stream.Function.MinInstances, function.GetProperty("minInstances").GetInt32());
            Assert.Equal(stream.Function.MaxInstances, function.GetProperty("maxInstances").GetInt32());
            Assert.Equal(stream.Function.MaxConcurrency, function.GetProperty("maxConcurrency").GetInt32());
            Assert.Equal(stream.Function.KeepAlive, function.GetProperty("keepAlive").GetString());
            Assert.Equal(stream.Function.Memory, function.GetProperty("memory").GetString());
        }

        var k6Scenarios = js.GetProperty("k6Scenarios");
        Assert.Equal(
            scenario.Streams.Count + scenario.Streams.Count(stream => stream.WarmupCalls > 0),
            k6Scenarios.EnumerateObject().Count());
    }

    [Theory]
    [InlineData("cold.js")]
    [InlineData("burst.js")]
    [InlineData("steady.js")]
    [InlineData("mixed.js")]
    [InlineData("lib/faas.js")]
    [InlineData("lib/plan.js")]
    public async Task The_k6_scripts_are_valid_javascript_modules(string script)
    {
        var node = FindNode();
        if (node is null)
        {
            Assert.Skip("node is not installed (apt-get install nodejs): it is what checks the scripts outside k6");
        }

        var result = await CliWrap.Cli.Wrap(node)
            .WithArguments(["--check", Path.Combine(LoadtestDirectory, script)])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    private static async Task<JsonDocument> ReadWithNodeAsync(string name, ScenarioOverrides overrides)
    {
        var node = FindNode();
        if (node is null)
        {
            Assert.Skip("node is not installed (apt-get install nodejs): it is what runs lib/plan.js outside k6");
        }

        const string Script = """
            import { readFileSync } from 'node:fs';
            import { pathToFileURL } from 'node:url';
            const [dir, name, env] = process.argv.slice(1);
            const plan = await import(pathToFileURL(dir + '/lib/plan.js').href);
            const scenario = plan.loadScenario(readFileSync(dir + '/scenarios/' + name + '.json', 'utf8'), JSON.parse(env));
            scenario.streams.forEach(stream => {
              stream.tenantName = plan.tenantName(stream, 'run1');
              stream.functionNames = plan.functionNames(stream, 'run1');
              stream.measuredTargets = [];
              stream.offsetsMs = [];
              for (let i = 0; i < stream.calls; i++) {
                stream.measuredTargets.push(plan.targetIndex(stream, 'measure', i, stream.functionNames.length));
                stream.offsetsMs.push(plan.intendedOffsetMs(scenario, stream, i));
              }
            });
            scenario.k6Scenarios = plan.k6Scenarios(scenario);
            console.log(JSON.stringify(scenario));
            """;
        var environment = JsonSerializer.Serialize(overrides.ToK6Environment());
        var result = await CliWrap.Cli.Wrap(node)
            .WithArguments(["--input-type=module", "-e", Script, "--", LoadtestDirectory, name, environment])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
        Assert.True(result.ExitCode == 0, $"node failed: {result.StandardError}");
        return JsonDocument.Parse(result.StandardOutput);
    }

    private static string? FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "node"))
            .FirstOrDefault(File.Exists);
}
