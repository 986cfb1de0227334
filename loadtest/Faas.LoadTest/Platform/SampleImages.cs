using CliWrap;
using CliWrap.Buffered;

namespace Faas.LoadTest.Platform;

/// <summary>
/// The function samples in the loopback registry: functions-samples/build-all.sh starts the registry when it is not running and
/// builds what is missing (fast when cached). A registry started here is stopped again by <see cref="DisposeAsync"/>.
/// </summary>
public sealed class SampleImages : IAsyncDisposable
{
    public const string Registry = "127.0.0.1:5000";

    private readonly string _samplesDirectory;
    private bool _startedRegistry;

    public SampleImages(string repositoryRoot)
    {
        _samplesDirectory = Path.Combine(repositoryRoot, "functions-samples");
    }

    public static bool NeedsSamples(IEnumerable<string> images) =>
        images.Any(image => image.StartsWith($"{Registry}/samples/", StringComparison.Ordinal));

    /// <exception cref="PlatformStartException">build-all.sh failed.</exception>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        _startedRegistry = (await ScriptAsync("registry.sh", ["status"], cancellationToken).ConfigureAwait(false)).ExitCode != 0;
        var build = await ScriptAsync("build-all.sh", [], cancellationToken).ConfigureAwait(false);
        if (build.ExitCode != 0)
        {
            throw new PlatformStartException($"functions-samples/build-all.sh failed ({build.ExitCode}):\n{build.StandardOutput}\n{build.StandardError}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_startedRegistry)
        {
            await ScriptAsync("registry.sh", ["stop"], CancellationToken.None).ConfigureAwait(false);
        }
    }

    private Task<BufferedCommandResult> ScriptAsync(string script, string[] arguments, CancellationToken cancellationToken) =>
        Cli.Wrap(Path.Combine(_samplesDirectory, script))
            .WithArguments(arguments)
            .WithEnvironmentVariables(environment => environment.Set("FAAS_REGISTRY", Registry))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(cancellationToken);
}
