using System.Diagnostics;

namespace Faas.Guest.Agent.Readiness;

/// <summary>Polls a function's port until it accepts a connection, the function exits, or time runs out.</summary>
internal static class ReadinessWaiter
{
    /// <summary>Between connection attempts: short, since every millisecond here is start-up latency.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    public static async Task<ReadinessOutcome> WaitAsync(int port, Task exited, Stopwatch sinceStart, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(exited);
        ArgumentNullException.ThrowIfNull(sinceStart);
        while (true)
        {
            if (PortProbe.Accepts(port))
            {
                return ReadinessOutcome.Ready;
            }

            if (exited.IsCompleted)
            {
                return ReadinessOutcome.Exited;
            }

            var left = timeout - sinceStart.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return ReadinessOutcome.TimedOut;
            }

            await Task.WhenAny(exited, Task.Delay(left < PollInterval ? left : PollInterval)).ConfigureAwait(false);
        }
    }
}
