using System.Globalization;
using Faas.Scheduler.Functions;

namespace Faas.Gateway.Invocation;

/// <summary>One forwarding of a call to the instance it leased.</summary>
internal sealed record FunctionCall(string CallId, string Tenant, string Name, FunctionLease Lease, long StartedAt, TimeProvider Time)
{
    public string ElapsedSecondsText() =>
        Time.GetElapsedTime(StartedAt).TotalSeconds.ToString("0.000000", CultureInfo.InvariantCulture);
}
