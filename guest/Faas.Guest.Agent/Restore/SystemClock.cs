using System.Runtime.InteropServices;
using Faas.Guest.Agent.Interop;

namespace Faas.Guest.Agent.Restore;

/// <summary>The machine's wall clock (CLOCK_REALTIME).</summary>
internal static unsafe class SystemClock
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    /// <summary>Steps the wall clock to <paramref name="unixTimeNanoseconds"/>; needs CAP_SYS_TIME.</summary>
    /// <returns>null when set, otherwise why not.</returns>
    public static string? SetRealtime(long unixTimeNanoseconds)
    {
        if (unixTimeNanoseconds <= 0)
        {
            return $"cannot set the clock to {unixTimeNanoseconds} ns since the Unix epoch: it must be after the epoch";
        }

        var time = new timespec
        {
            tv_sec = unixTimeNanoseconds / NanosecondsPerSecond,
            tv_nsec = unixTimeNanoseconds % NanosecondsPerSecond,
        };
        return LibC.clock_settime(LibC.CLOCK_REALTIME, &time) == 0
            ? null
            : $"cannot set the clock: clock_settime: {Marshal.GetLastPInvokeErrorMessage()}";
    }
}
