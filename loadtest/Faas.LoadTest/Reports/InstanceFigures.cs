using Faas.LoadTest.HostInfo;

namespace Faas.LoadTest.Reports;

/// <summary>
/// Instances right after a pass: how many the gateway lists for the pass's functions, how many VM processes run under the
/// platform, and their PSS in MiB; <see cref="Note"/> says why memory is missing when it is.
/// </summary>
public sealed record InstanceFigures(
    int Instances,
    int VmProcesses,
    double? PssMeanMiB,
    double? PssMinMiB,
    double? PssMaxMiB,
    double? PssTotalMiB,
    string? Note)
{
    public static InstanceFigures Of(int instances, VmMemory? memory, string? note) => new(
        instances,
        memory?.Count ?? 0,
        Round(memory?.MeanMiB),
        Round(memory?.MinMiB),
        Round(memory?.MaxMiB),
        Round(memory?.TotalMiB),
        note);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;
}
