using System.Globalization;
using System.Text.Json;
using Faas.LoadTest.Engine;
using Faas.LoadTest.Recording;

namespace Faas.LoadTest.K6;

/// <summary>
/// Reads k6's JSON output (<c>--out json=FILE</c>: one object per line) and records the measured points of the faas_latency trend,
/// which lib/faas.js tags with start, status, phase and, for a failed request, k6's error code.
/// </summary>
public static class K6PointsReader
{
    public const string LatencyMetric = "faas_latency";

    /// <summary>k6's error code for a request that timed out.</summary>
    private const int RequestTimeoutCode = 1050;

    public static async Task<LatencyRecorder> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder();
        using var reader = new StreamReader(path);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (Parse(line) is { } call)
            {
                recorder.Record(call);
            }
        }

        return recorder;
    }

    /// <summary>The call a line records, or null for any other line (metric declarations, other metrics, warm-up calls).</summary>
    public static CallRecord? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length == 0 || !line.Contains(LatencyMetric, StringComparison.Ordinal))
        {
            return null;
        }

        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        if (Text(root, "type") != "Point" || Text(root, "metric") != LatencyMetric
            || !root.TryGetProperty("data", out var data) || !data.TryGetProperty("tags", out var tags)
            || Text(tags, "phase") != "measure")
        {
            return null;
        }

        var valueMs = data.GetProperty("value").GetDouble();
        var completed = DateTimeOffset.Parse(data.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
        var completedUs = (completed - DateTimeOffset.UnixEpoch).Ticks / 10;
        var status = int.TryParse(Text(tags, "status"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : 0;
        var failure = status != 0 ? CallFailure.None
            : Text(tags, "error") == RequestTimeoutCode.ToString(CultureInfo.InvariantCulture) ? CallFailure.Timeout
            : CallFailure.Connection;
        var stream = int.TryParse(Text(tags, "stream"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) ? index : 0;
        return new CallRecord(Text(tags, "start"), status, failure, completedUs - (long)(valueMs * 1000), -1, completedUs, stream);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
