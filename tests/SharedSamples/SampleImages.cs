using CliWrap;
using CliWrap.Buffered;

namespace Faas.Tests.Shared;

/// <summary>
/// The function samples, built by functions-samples/build-all.sh (cached after the first build) and served by the loopback
/// registry it starts, as a user would have them.
/// </summary>
internal static class SampleImages
{
    public const string Registry = "127.0.0.1:5000";
    public const string Busybox = "busybox-http";
    public const string Python = "python-http";
    public const string Dotnet = "dotnet-hello";

    public static string Reference(string sample) => $"{Registry}/samples/{sample}:latest";

    /// <summary>Builds what is missing and starts the registry when it is not running.</summary>
    /// <returns>Whether this call started the registry (then the caller stops it at the end).</returns>
    public static async Task<bool> EnsureAsync()
    {
        var startedRegistry = (await RegistryAsync("status")).ExitCode != 0;
        var build = await CliWrap.Cli.Wrap(Script("build-all.sh"))
            .WithEnvironmentVariables(e => e.Set("FAAS_REGISTRY", Registry))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"functions-samples/build-all.sh failed ({build.ExitCode}):\n{build.StandardOutput}\n{build.StandardError}");
        }

        return startedRegistry;
    }

    public static Task StopRegistryAsync() => RegistryAsync("stop");

    private static Task<BufferedCommandResult> RegistryAsync(string verb) =>
        CliWrap.Cli.Wrap(Script("registry.sh"))
            .WithArguments(verb)
            .WithEnvironmentVariables(e => e.Set("FAAS_REGISTRY", Registry))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync();

    private static string Script(string name) => Path.Combine(RepositoryRoot.Path, "functions-samples", name);
}
