using System.Text;
using CliWrap;

namespace Faas.Cli.Tests.Commands;

/// <summary>
/// Runs the real faas CLI against a gateway with a clean client environment: FAAS_GATEWAY and FAAS_API_KEY as given (unset
/// when null) and FAAS_DATA_DIR pointing at <paramref name="dataDirectory"/> (an empty one by default), so nothing of the
/// machine's own settings leaks in.
/// </summary>
internal static class FaasClientProcess
{
    public static async Task<FaasRun> RunAsync(
        Uri? gateway,
        string? apiKey,
        string[] arguments,
        byte[]? standardInput = null,
        string? dataDirectory = null,
        string? workingDirectory = null)
    {
        var emptyDataDirectory = dataDirectory is null ? Directory.CreateTempSubdirectory("faas-cli-data-").FullName : null;
        try
        {
            using var stdout = new MemoryStream();
            var stderr = new StringBuilder();
            var result = await CliWrap.Cli.Wrap("dotnet")
                .WithArguments([Path.Combine(AppContext.BaseDirectory, "faas.dll"), .. arguments])
                .WithWorkingDirectory(workingDirectory ?? AppContext.BaseDirectory)
                .WithEnvironmentVariables(env => env
                    .Set("FAAS_GATEWAY", gateway?.ToString())
                    .Set("FAAS_API_KEY", apiKey)
                    .Set("FAAS_DATA_DIR", dataDirectory ?? emptyDataDirectory))
                .WithStandardInputPipe(standardInput is null ? PipeSource.Null : PipeSource.FromBytes(standardInput))
                .WithStandardOutputPipe(PipeTarget.ToStream(stdout))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(stderr))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync(TestContext.Current.CancellationToken);
            return new FaasRun(result.ExitCode, stdout.ToArray(), stderr.ToString());
        }
        finally
        {
            if (emptyDataDirectory is not null)
            {
                Directory.Delete(emptyDataDirectory, recursive: true);
            }
        }
    }
}
