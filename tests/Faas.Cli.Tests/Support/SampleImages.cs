using Faas.Tests.Shared;
using CliWrap;
using CliWrap.Buffered;

namespace Faas.Cli.Tests.Support;

/// <summary>
/// The function samples, built by functions-samples/build-all.sh (cached after the first build) and served by the
/// loopback registry it starts, as a user would have them.
/// </summary>
public sealed class SampleImages : IAsyncLifetime
{
    public const string Registry = "127.0.0.1:5000";

    public static string Reference(string sample) => $"{Registry}/samples/{sample}:latest";

    private bool _startedRegistry;

    public async ValueTask InitializeAsync()
    {
        _startedRegistry = (await RegistryAsync("status")).ExitCode != 0;
        var build = await CliWrap.Cli.Wrap(System.IO.Path.Combine(RepositoryRoot.Path, "functions-samples", "build-all.sh"))
            .WithEnvironmentVariables(e => e.Set("FAAS_REGISTRY", Registry))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"functions-samples/build-all.sh failed ({build.ExitCode}):\n{build.StandardOutput}\n{build.StandardError}");
        }
    }

    /// <summary>Stops the registry only when these tests started it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_startedRegistry)
        {
            await RegistryAsync("stop");
        }
    }

    private static Task<BufferedCommandResult> RegistryAsync(string verb) =>
        CliWrap.Cli.Wrap(System.IO.Path.Combine(RepositoryRoot.Path, "functions-samples", "registry.sh"))
            .WithArguments(verb)
            .WithEnvironmentVariables(e => e.Set("FAAS_REGISTRY", Registry))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
}
