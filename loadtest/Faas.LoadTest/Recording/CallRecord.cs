using Faas.LoadTest.Engine;

namespace Faas.LoadTest.Recording;

/// <summary>
/// One measured call, times in microseconds on one clock: when it was meant to start, when it was sent (-1: unknown, as with k6)
/// and when its response was complete; and which stream of the scenario it belonged to.
/// </summary>
public readonly record struct CallRecord(string? Start, int Status, CallFailure Failure, long IntendedUs, long SentUs, long CompletedUs, int Stream = 0)
{
    public bool Succeeded => Failure == CallFailure.None && Status is >= 200 and < 400;

    /// <summary>From the intended start to the end of the response: what a user whose request arrived on time waits.</summary>
    public long LatencyUs => Math.Max(0, CompletedUs - IntendedUs);

    /// <summary>"timeout", "connection" or the status code.</summary>
    public string ErrorKey => Failure switch
    {
        CallFailure.Timeout => "timeout",
        CallFailure.Connection => "connection",
        _ => Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
