using HdrHistogram;

namespace Faas.LoadTest.Recording;

/// <summary>
/// Records measured calls into HdrHistograms (microseconds, 3 significant digits) per X-Faas-Start, counts errors by status, and
/// summarizes them. Safe to record from many calls at once.
/// </summary>
public sealed class LatencyRecorder
{
    private const long HighestTrackableUs = 3_600_000_000;
    private const int SignificantDigits = 3;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, LongHistogram> _latency = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Start, string Error), long> _errors = [];
    private readonly LongHistogram _sendLag = NewHistogram();
    private readonly Dictionary<int, LatencyRecorder>? _streams;
    private long _firstIntendedUs = long.MaxValue;
    private long _lastCompletedUs = long.MinValue;

    public LatencyRecorder()
        : this(splitByStream: true)
    {
    }

    private LatencyRecorder(bool splitByStream)
    {
        _streams = splitByStream ? [] : null;
    }

    public long Count
    {
        get
        {
            lock (_lock)
            {
                return _calls.Values.Sum();
            }
        }
    }

    public void Record(CallRecord call)
    {
        var start = StartKinds.Normalize(call.Start);
        lock (_lock)
        {
            _calls[start] = _calls.GetValueOrDefault(start) + 1;
            _firstIntendedUs = Math.Min(_firstIntendedUs, call.IntendedUs);
            _lastCompletedUs = Math.Max(_lastCompletedUs, call.CompletedUs);
            if (call.SentUs >= 0)
            {
                _sendLag.RecordValue(Math.Clamp(call.SentUs - call.IntendedUs, 0, HighestTrackableUs));
            }

            if (call.Succeeded)
            {
                if (!_latency.TryGetValue(start, out var histogram))
                {
                    histogram = NewHistogram();
                    _latency[start] = histogram;
                }

                histogram.RecordValue(Math.Min(call.LatencyUs, HighestTrackableUs));
            }
            else
            {
                _errors[(start, call.ErrorKey)] = _errors.GetValueOrDefault((start, call.ErrorKey)) + 1;
            }

            if (_streams is not null)
            {
                if (!_streams.TryGetValue(call.Stream, out var stream))
                {
                    stream = new LatencyRecorder(splitByStream: false);
                    _streams[call.Stream] = stream;
                }

                stream.Record(call);
            }
        }
    }

    public PassFigures Summarize()
    {
        lock (_lock)
        {
            var windowSeconds = _calls.Count == 0 ? 0 : Math.Max(1e-6, (_lastCompletedUs - _firstIntendedUs) / 1e6);
            var starts = _calls.Keys
                .OrderBy(StartKinds.Order).ThenBy(start => start, StringComparer.Ordinal)
                .Select(start => Figures(start, [start], windowSeconds))
                .ToList();
            var all = Figures(StartKinds.All, [.. _calls.Keys], windowSeconds);
            var lag = _sendLag.TotalCount == 0
                ? null
                : new LagFigures(Ms(_sendLag.GetValueAtPercentile(50)), Ms(_sendLag.GetValueAtPercentile(99)), Ms(_sendLag.GetMaxValue()));
            var streams = new List<StreamFigures>();
            foreach (var (index, recorder) in (_streams ?? []).OrderBy(entry => entry.Key))
            {
                var figures = recorder.Summarize();
                streams.Add(new StreamFigures(index, figures.Starts, figures.All));
            }

            return new PassFigures(starts, all, windowSeconds, lag) { Streams = streams };
        }
    }

    private KindFigures Figures(string label, IReadOnlyList<string> starts, double windowSeconds)
    {
        var calls = starts.Sum(start => _calls.GetValueOrDefault(start));
        var errors = _errors
            .Where(entry => starts.Contains(entry.Key.Start))
            .GroupBy(entry => entry.Key.Error, StringComparer.Ordinal)
            .Select(group => new ErrorCount(group.Key, group.Sum(entry => entry.Value)))
            .OrderByDescending(error => error.Count).ThenBy(error => error.Status, StringComparer.Ordinal)
            .ToList();
        var histogram = NewHistogram();
        foreach (var start in starts)
        {
            if (_latency.TryGetValue(start, out var part))
            {
                histogram.Add(part);
            }
        }

        var ok = histogram.TotalCount;
        return new KindFigures(
            label,
            calls,
            ok,
            errors.Sum(error => error.Count),
            ok == 0 ? null : Ms(histogram.GetValueAtPercentile(0)),
            ok == 0 ? null : Ms(histogram.GetValueAtPercentile(50)),
            ok == 0 ? null : Ms(histogram.GetValueAtPercentile(90)),
            ok == 0 ? null : Ms(histogram.GetValueAtPercentile(99)),
            ok == 0 ? null : Ms(histogram.GetMaxValue()),
            ok == 0 ? null : Math.Round(histogram.GetMean() / 1000, 3),
            windowSeconds <= 0 ? 0 : Math.Round(ok / windowSeconds, 3),
            errors);
    }

    private static LongHistogram NewHistogram() => new(HighestTrackableUs, SignificantDigits);

    private static double Ms(long microseconds) => Math.Round(microseconds / 1000.0, 3);
}
