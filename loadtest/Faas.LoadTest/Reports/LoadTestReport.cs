using Faas.LoadTest.HostInfo;

namespace Faas.LoadTest.Reports;

/// <summary>Everything one `faas loadtest` run measured, and how: the JSON report, and what the markdown and SVG writers draw.</summary>
public sealed record LoadTestReport(
    string Scenario,
    string Description,
    string Engine,
    string EngineDetail,
    string Command,
    DateTimeOffset StartedAt,
    double ElapsedSeconds,
    MachineFigures Machine,
    LoadAverageFigures LoadAverage,
    ScenarioSettings Settings,
    IReadOnlyList<BackendRun> Backends,
    string BackendNote);
