using Faas.Cli.Tests.Support;

namespace Faas.Cli.Tests.Platform;

/// <summary>One `faas up` shared by the platform tests (a TCG boot costs seconds), over the samples in the loopback registry.</summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    /// <summary>How long a call waits for a busy function before 429, short so back-pressure tests are quick.</summary>
    public const string QueueWait = "2s";

    private readonly SampleImages _samples = new();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("faas-platform-").FullName;
    private RunningPlatform? _platform;

    public RunningPlatform Platform => _platform ?? throw new InvalidOperationException("the platform is not started");

    public async ValueTask InitializeAsync()
    {
        await _samples.InitializeAsync();
        _platform = await RunningPlatform.StartAsync(_dataDirectory, "--queue-wait", QueueWait);
    }

    public async ValueTask DisposeAsync()
    {
        if (_platform is not null)
        {
            await _platform.DisposeAsync();
        }

        await _samples.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
