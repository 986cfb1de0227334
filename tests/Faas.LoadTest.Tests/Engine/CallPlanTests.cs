using Faas.LoadTest.Engine;
using Faas.LoadTest.Scenarios;

namespace Faas.LoadTest.Tests.Engine;

public sealed class CallPlanTests
{
    [Fact]
    public void Warm_up_calls_come_first_then_measured_calls_at_the_rate()
    {
        var scenario = ScenarioReader.Parse(Json(executor: "constant-arrival-rate", duration: "2s", warmup: "1s", rate: 2, perCall: false));
        var target = new CallTarget(new Uri("http://127.0.0.1:1/function/f"), "key");

        var plan = CallPlan.Build(scenario, [[target]]);

        Assert.Equal([0, 500, 1000, 1500, 2000, 2500], plan.Select(call => call.At.TotalMilliseconds));
        Assert.Equal([false, false, true, true, true, true], plan.Select(call => call.Measured));
    }

    [Fact]
    public void With_a_function_per_call_every_call_has_its_own_target()
    {
        var scenario = ScenarioReader.Parse(Json(executor: "constant-arrival-rate", duration: "2s", warmup: "1s", rate: 2, perCall: true));
        var stream = scenario.Streams[0];
        var targets = stream.FunctionNames("run").Select(name => new CallTarget(new Uri($"http://127.0.0.1:1/function/{name}"), null)).ToList();

        var plan = CallPlan.Build(scenario, [targets]);

        Assert.Equal(6, stream.FunctionCount);
        Assert.Equal(targets, plan.Select(call => call.Target));
    }

    [Fact]
    public void A_burst_starts_every_call_at_once()
    {
        var scenario = ScenarioReader.Parse(Json(executor: "burst", duration: "0s", warmup: "0s", rate: 0, perCall: false), new ScenarioOverrides(Concurrency: 7));
        var plan = CallPlan.Build(scenario, [[new CallTarget(new Uri("http://127.0.0.1:1/"), null)]]);

        Assert.Equal(7, plan.Count);
        Assert.All(plan, call => Assert.Equal(TimeSpan.Zero, call.At));
    }

    private static string Json(string executor, string duration, string warmup, double rate, bool perCall) => $$"""
        {
          "name": "t", "executor": "{{executor}}", "duration": "{{duration}}", "warmup": "{{warmup}}", "concurrency": 4,
          "streams": [ { "tenant": "default", "rate": {{rate}}, "newFunctionPerCall": {{(perCall ? "true" : "false")}},
                         "function": { "name": "f", "image": "127.0.0.1:5000/samples/busybox-http:latest" } } ]
        }
        """;
}
