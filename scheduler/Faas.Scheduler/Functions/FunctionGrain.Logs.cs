using Faas.Scheduler.Workers;

namespace Faas.Scheduler.Functions;

internal sealed partial class FunctionGrain
{
    public async Task<LogPage> GetLogsAsync(LogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (state.State.Spec is null)
        {
            return new LogPage([], query.Cursor ?? "");
        }

        var cursor = LogCursor.Parse(query.Cursor);
        // A function created again under an old name must not show the lines of the one removed before it.
        var since = query.Since is { } asked && asked > state.State.CreatedAt ? asked : state.State.CreatedAt;
        var sources = state.State.Versions.Select(version => (version.Version, version.WorkerName, version.Workers))
            .Concat(state.State.Retired.Select(retired => (retired.Version, retired.WorkerName, retired.Workers)))
            .SelectMany(source => source.Workers.Select(workerId => (WorkerId: workerId, source.Version, source.WorkerName)))
            .ToList();
        var pages = await Task.WhenAll(sources.Select(source => ReadLogsAsync(source.WorkerId, source.Version, source.WorkerName, cursor.After(source.WorkerId, source.Version), since)));
        var lines = new List<(FunctionLogLine Line, string WorkerId, long Sequence)>();
        foreach (var (workerId, version, page) in pages)
        {
            if (page is null)
            {
                continue;
            }

            cursor.Advance(workerId, version, page.LastSequence);
            lines.AddRange(page.Lines.Select(line => (new FunctionLogLine(line.Timestamp, line.InstanceId, line.Stream, line.Text, version), workerId, line.Sequence)));
        }

        var merged = lines
            .OrderBy(line => line.Line.Timestamp)
            .ThenBy(line => line.WorkerId, StringComparer.Ordinal)
            .ThenBy(line => line.Line.Version)
            .ThenBy(line => line.Sequence)
            .Select(line => line.Line)
            .ToList();
        if (query.Tail is { } tail && merged.Count > Math.Max(0, tail))
        {
            merged = merged[^Math.Max(0, tail)..];
        }

        return new LogPage(merged, cursor.ToString());
    }

    private async Task<(string WorkerId, int Version, WorkerLogPage? Page)> ReadLogsAsync(string workerId, int version, string workerName, long after, DateTimeOffset since)
    {
        try
        {
            return (workerId, version, await Worker(workerId).GetLogsAsync(_tenant, workerName, after, since));
        }
        catch (Exception e) when (IsCallFailure(e))
        {
            return (workerId, version, null);
        }
    }
}
