using System.Diagnostics.Metrics;

namespace Faas.Gateway.Metrics;

/// <summary>
/// The gateway's meter: calls by how their instance started and the status answered, and their latency. Labels never carry a
/// tenant or function name.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Faas.Gateway";

    /// <summary>Exported as <c>faas_invocations_total</c>.</summary>
    public const string InvocationsName = "faas_invocations";

    /// <summary>Exported as <c>faas_invocation_duration_seconds</c>.</summary>
    public const string DurationName = "faas_invocation_duration";

    private static readonly double[] DurationBuckets =
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    private readonly Counter<long> _invocations;
    private readonly Histogram<double> _duration;

    public GatewayMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _invocations = meter.CreateCounter<long>(InvocationsName, description: "Calls to functions, by how their instance started (warm, restore, boot, none) and the status answered");
        _duration = meter.CreateHistogram(
            DurationName,
            unit: "s",
            description: "Time from a call's request to the end of its response, by how its instance started",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    public void RecordInvocation(string? start, int status, TimeSpan duration)
    {
        var startTag = new KeyValuePair<string, object?>("start", StartLabel(start));
        _invocations.Add(1, startTag, new KeyValuePair<string, object?>("code", StatusLabel(status)));
        _duration.Record(duration.TotalSeconds, startTag);
    }

    /// <summary>warm, restore, boot, or none when no instance answered; anything else is "other", so labels stay bounded.</summary>
    public static string StartLabel(string? start) => start switch
    {
        null or "" or "none" => "none",
        "warm" => "warm",
        "restore" => "restore",
        "boot" => "boot",
        _ => "other",
    };

    private static string StatusLabel(int status) => status switch
    {
        200 => "200",
        404 => "404",
        429 => "429",
        502 => "502",
        503 => "503",
        504 => "504",
        >= 100 and <= 599 => status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "other",
    };
}
