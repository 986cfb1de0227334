namespace Faas.LoadTest.Scenarios;

/// <summary>Command-line values that replace a scenario file's (FAAS_RATE, FAAS_DURATION, FAAS_CONCURRENCY for k6).</summary>
/// <param name="Rate">Calls per second of every stream.</param>
/// <param name="Duration">The measured phase, as a Go-style duration.</param>
/// <param name="Concurrency">Calls in flight at most; a burst's size.</param>
public sealed record ScenarioOverrides(double? Rate = null, string? Duration = null, int? Concurrency = null)
{
    public static ScenarioOverrides None { get; } = new();

    /// <summary>The same overrides as k6 environment variables.</summary>
    public IReadOnlyDictionary<string, string> ToK6Environment()
    {
        var environment = new Dictionary<string, string>();
        if (Rate is { } rate)
        {
            environment["FAAS_RATE"] = rate.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (Duration is { } duration)
        {
            environment["FAAS_DURATION"] = duration;
        }

        if (Concurrency is { } concurrency)
        {
            environment["FAAS_CONCURRENCY"] = concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return environment;
    }
}
