using Faas.LoadTest.HostInfo;
using Faas.LoadTest.Recording;
using Faas.LoadTest.Reports;

namespace Faas.LoadTest.Tests.Support;

/// <summary>A report with known figures: a gateway and a worker pass on qemu/tcg, restores and warm calls, a few errors.</summary>
public static class SampleReport
{
    public static LoadTestReport Create()
    {
        var gateway = new PassFigures(
            [
                Kind("warm", 80, 41.5, 55.25, 90.75, 120.5),
                Kind("restore", 20, 251.5, 309.25, 404.75, 433.5),
                new KindFigures("none", 3, 0, 3, null, null, null, null, null, null, 0, [new ErrorCount("429", 3)]),
            ],
            Kind("all", 103, 45.5, 260.25, 400.5, 433.5) with { Errors = 3, ErrorsByStatus = [new ErrorCount("429", 3)] },
            20.5,
            new LagFigures(0.4, 1.2, 2.5));
        var worker = new PassFigures(
            [Kind("warm", 80, 30.5, 40.25, 60.75, 80.5), Kind("restore", 20, 230.5, 290.25, 380.75, 400.5)],
            Kind("all", 100, 33.5, 240.25, 370.5, 400.5),
            20.1,
            new LagFigures(0.3, 1.0, 2.0));
        var passes = new List<PassReport>
        {
            new("gateway", "http://127.0.0.1:8080/", 20, 12.5, gateway, new InstanceFigures(20, 20, 35.2, 33.1, 38.0, 704.0, null)),
            new("worker", "http://127.0.0.1:8081/", 20, 11.5, worker, new InstanceFigures(20, 20, 34.9, 33.0, 37.5, 698.0, null)),
        };
        return new LoadTestReport(
            "cold",
            "Every call needs a new instance.",
            "builtin",
            "the built-in open-loop engine",
            "./faas loadtest cold --compare gateway-vs-worker",
            new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero),
            95.5,
            new MachineFigures(2, "AMD EPYC", 23.4, "Pvm", "/dev/kvm is provided by kvm_pvm"),
            new LoadAverageFigures(2.5, 1.75, 3.25, 6.5, 4.0, 90),
            new ScenarioSettings("constant-arrival-rate", "20s", "0ms", 100, "1m0s", 20,
                [new StreamSettings("default", "lt-cold", "127.0.0.1:5000/samples/python-http:latest", "/", 1, 20, 0, 20, 0, 1, 1, "10m", "256Mi")]),
            [new BackendRun("qemu", "tcg", "QEMU microvm with TCG", passes, OverheadFigures.Compare(passes[0], passes[1]))],
            "only qemu with TCG software emulation runs Linux guests on this host");
    }

    private static KindFigures Kind(string start, long ok, double p50, double p90, double p99, double max) =>
        new(start, ok, ok, 0, p50 * 0.8, p50, p90, p99, max, p50 * 1.1, ok / 20.0, []);
}
