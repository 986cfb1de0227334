namespace Faas.Worker.Logs;

/// <summary>The last lines a function's instances wrote, oldest dropped first. Thread-safe.</summary>
public sealed class FunctionLog
{
    public const int DefaultCapacity = 10_000;

    private readonly Lock _gate = new();
    private readonly LogLine[] _lines;
    private readonly TimeProvider _time;
    private long _nextSequence = 1;
    private int _start;
    private int _count;

    public FunctionLog(int capacity = DefaultCapacity, TimeProvider? time = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _lines = new LogLine[capacity];
        _time = time ?? TimeProvider.System;
    }

    public int Capacity => _lines.Length;

    public void Append(string instanceId, LogSource stream, string text)
    {
        lock (_gate)
        {
            var line = new LogLine(_nextSequence++, _time.GetUtcNow(), instanceId, stream, text);
            if (_count < _lines.Length)
            {
                _lines[(_start + _count++) % _lines.Length] = line;
            }
            else
            {
                _lines[_start] = line;
                _start = (_start + 1) % _lines.Length;
            }
        }
    }

    /// <summary>The lines still held, oldest first: all of them, or those received after <paramref name="since"/>, or after sequence number <paramref name="afterSequence"/>.</summary>
    public IReadOnlyList<LogLine> Read(DateTimeOffset? since = null, long afterSequence = 0)
    {
        lock (_gate)
        {
            var result = new List<LogLine>(_count);
            for (var i = 0; i < _count; i++)
            {
                var line = _lines[(_start + i) % _lines.Length];
                if (line.Sequence > afterSequence && (since is null || line.Timestamp > since))
                {
                    result.Add(line);
                }
            }

            return result;
        }
    }
}
