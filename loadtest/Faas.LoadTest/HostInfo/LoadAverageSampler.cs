using System.Globalization;

namespace Faas.LoadTest.HostInfo;

/// <summary>Samples the 1-minute load average (/proc/loadavg) every second while a run lasts.</summary>
public sealed class LoadAverageSampler : IAsyncDisposable
{
    private readonly List<double> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    private LoadAverageSampler(TimeSpan interval)
    {
        _sampling = SampleAsync(interval);
    }

    public static LoadAverageSampler Start(TimeSpan? interval = null) => new(interval ?? TimeSpan.FromSeconds(1));

    public static double? Read(string path = "/proc/loadavg")
    {
        try
        {
            var first = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Stops sampling and summarizes (one last sample included).</summary>
    public async Task<LoadAverageFigures> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sampling.ConfigureAwait(false);
        lock (_samples)
        {
            if (Read() is { } last)
            {
                _samples.Add(last);
            }

            return _samples.Count == 0
                ? new LoadAverageFigures(0, 0, 0, 0, 0, 0)
                : new LoadAverageFigures(_samples[0], _samples.Min(), Math.Round(_samples.Average(), 2), _samples.Max(), _samples[^1], _samples.Count);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }

    private async Task SampleAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            if (Read() is { } sample)
            {
                lock (_samples)
                {
                    _samples.Add(sample);
                }
            }
        }
        while (await WaitAsync(timer).ConfigureAwait(false));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
