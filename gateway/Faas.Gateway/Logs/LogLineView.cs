using Faas.Scheduler.Functions;

namespace Faas.Gateway.Logs;

/// <summary>One line of <c>GET /system/logs</c>: <c>{"name","namespace","instance","timestamp","text","stream","version"}</c>.</summary>
public sealed record LogLineView(string Name, string Namespace, string Instance, DateTimeOffset Timestamp, string Text, string Stream, int Version)
{
    public static LogLineView Of(string tenant, string name, FunctionLogLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new LogLineView(name, tenant, line.InstanceId, line.Timestamp, line.Text, line.Stream, line.Version);
    }
}
