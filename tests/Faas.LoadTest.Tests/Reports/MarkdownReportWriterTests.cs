using Faas.LoadTest.Recording;
using Faas.LoadTest.Reports;
using Faas.LoadTest.Tests.Support;

namespace Faas.LoadTest.Tests.Reports;

public sealed class MarkdownReportWriterTests
{
    [Fact]
    public void The_table_has_a_row_per_target_and_start_kind_with_its_numbers()
    {
        var markdown = MarkdownReportWriter.Write(SampleReport.Create(), "loadtest/cold.svg");

        Assert.Contains("| target | start | calls | errors | p50 | p90 | p99 | max | per s |", markdown, StringComparison.Ordinal);
        Assert.Contains("| gateway | restore | 20 | 0 | 252 | 309 | 405 | 434 | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| gateway | warm | 80 | 0 | 41.5 | 55.3 | 90.8 | 121 | 4 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| gateway | none | 3 | 3 | – | – | – | – | 0 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| worker | restore | 20 | 0 | 231 | 290 | 381 | 401 | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| gateway | **all** | 103 | 3 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void It_says_how_where_and_under_what_load_it_was_measured()
    {
        var markdown = MarkdownReportWriter.Write(SampleReport.Create(), "loadtest/cold.svg");

        Assert.StartsWith("### Load test `cold` (qemu/tcg, 2026-11-23)", markdown, StringComparison.Ordinal);
        Assert.Contains("`./faas loadtest cold --compare gateway-vs-worker`", markdown, StringComparison.Ordinal);
        Assert.Contains("TCG** software emulation because `/dev/kvm` is kvm_pvm", markdown, StringComparison.Ordinal);
        Assert.Contains("not hardware-KVM figures", markdown, StringComparison.Ordinal);
        Assert.Contains("Load average (1 min) during the run: 1.75–6.5, mean 3.25", markdown, StringComparison.Ordinal);
        Assert.Contains("errors: 429 ×3", markdown, StringComparison.Ordinal);
        Assert.Contains("20 instance(s) listed, 20 QEMU process(es), PSS per VM 35.2 MiB mean (min 33.1, max 38), 704 MiB in all", markdown, StringComparison.Ordinal);
        Assert.Contains("restore p50 252 vs 231 ms (**1.09×**)", markdown, StringComparison.Ordinal);
        Assert.Contains("![cold: latency percentiles by start kind](loadtest/cold.svg)", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Scenarios_with_several_tenants_get_a_row_per_tenant_function_and_start()
    {
        var report = SampleReport.Create();
        var settings = report.Settings with
        {
            Streams = [report.Settings.Streams[0], report.Settings.Streams[0] with { Tenant = "lt-beta", Function = "lt-busybox" }],
        };
        var pass = report.Backends[0].Passes[0];
        var figures = pass.Figures with
        {
            Streams = [new StreamFigures(0, [pass.Figures.Starts[0]], pass.Figures.Starts[0]), new StreamFigures(1, [pass.Figures.Starts[1]], pass.Figures.Starts[1])],
        };
        report = report with { Settings = settings, Backends = [report.Backends[0] with { Passes = [pass with { Figures = figures }] }] };

        var markdown = MarkdownReportWriter.Write(report);

        Assert.Contains("| gateway | lt-beta: lt-busybox | restore | 20 | 0 | 252 | 309 | 405 | 434 | 1 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| gateway | default: lt-cold | warm | 80 | 0 | 41.5 |", markdown, StringComparison.Ordinal);
    }
}
