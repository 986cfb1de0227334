using Faas.LoadTest.Recording;

namespace Faas.LoadTest.Reports;

/// <summary>One pass of a scenario against one target: "gateway" (/function/NAME) or "worker" (the worker's own endpoint).</summary>
public sealed record PassReport(
    string Target,
    string Url,
    int DeployedFunctions,
    double DeploySeconds,
    PassFigures Figures,
    InstanceFigures Instances);
