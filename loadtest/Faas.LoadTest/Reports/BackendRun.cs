namespace Faas.LoadTest.Reports;

/// <summary>The passes run on one backend (and what the gateway added over the worker, with --compare); Error when it could not run.</summary>
public sealed record BackendRun(
    string Backend,
    string Accelerator,
    string Reason,
    IReadOnlyList<PassReport> Passes,
    IReadOnlyList<OverheadFigures> GatewayOverhead,
    string? Error = null)
{
    public bool SoftwareEmulation => Accelerator == "tcg";

    public string Label => $"{Backend}/{Accelerator}";
}
