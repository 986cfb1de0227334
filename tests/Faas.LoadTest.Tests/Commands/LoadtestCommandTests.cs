using CliWrap;
using CliWrap.Buffered;

namespace Faas.LoadTest.Tests.Commands;

/// <summary>`faas loadtest` as a user runs it, for what fails before any platform starts.</summary>
public sealed class LoadtestCommandTests
{
    [Fact]
    public async Task Engine_k6_without_k6_says_how_to_install_it_and_fails()
    {
        var result = await FaasAsync(["loadtest", "cold", "--engine", "k6"], withoutK6: true);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("https://k6.io/docs/get-started/installation/", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("--engine builtin", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_scenario_names_the_ones_there_are()
    {
        var result = await FaasAsync(["loadtest", "nosuch", "--engine", "builtin"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cold", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("burst", result.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_help_has_examples()
    {
        var result = await FaasAsync(["loadtest", "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("faas loadtest cold", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("--compare", result.StandardOutput, StringComparison.Ordinal);
    }

    /// <param name="arguments">faas's arguments.</param>
    /// <param name="withoutK6">Run with PATH holding only dotnet's directory, so no k6 can be found.</param>
    private static Task<BufferedCommandResult> FaasAsync(string[] arguments, bool withoutK6 = false) =>
        CliWrap.Cli.Wrap("dotnet")
            .WithArguments([Path.Combine(AppContext.BaseDirectory, "faas.dll"), .. arguments])
            .WithEnvironmentVariables(environment =>
            {
                environment.Set("FAAS_SOURCE_DIR", Faas.Tests.Shared.RepositoryRoot.Path);
                if (withoutK6)
                {
                    environment.Set("PATH", Path.GetDirectoryName(Environment.ProcessPath));
                }
            })
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
}
