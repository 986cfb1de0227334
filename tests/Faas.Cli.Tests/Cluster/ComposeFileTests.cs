using CliWrap;
using CliWrap.Buffered;
using Faas.Tests.Shared;

namespace Faas.Cli.Tests.Cluster;

/// <summary>docker-compose.yml describes the cluster in a form Compose accepts, with every host it needs.</summary>
public sealed class ComposeFileTests
{
    private static string ComposeFile => Path.Combine(RepositoryRoot.Path, "docker-compose.yml");

    [Fact]
    public async Task Compose_accepts_the_file_and_it_has_the_whole_cluster()
    {
        var config = await ComposeConfigAsync("a-test-secret");

        Assert.True(config.ExitCode == 0, config.StandardError);
        var services = config.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("postgres", services);
        Assert.Contains("redis", services);
        Assert.Contains("scheduler", services);
        Assert.Contains("gateway", services);
        Assert.Contains("prometheus", services);
        Assert.Equal(2, services.Count(service => service.StartsWith("worker", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Compose_refuses_to_run_the_cluster_without_a_worker_key()
    {
        var config = await ComposeConfigAsync(workerKey: null);

        Assert.NotEqual(0, config.ExitCode);
        Assert.Contains("set FAAS_WORKER_KEY", config.StandardError, StringComparison.Ordinal);
    }

    private static Task<BufferedCommandResult> ComposeConfigAsync(string? workerKey) =>
        CliWrap.Cli.Wrap("docker-compose")
            .WithArguments(["-f", ComposeFile, "config", "--services"])
            .WithEnvironmentVariables(variables => variables.Set("FAAS_WORKER_KEY", workerKey))
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
}
