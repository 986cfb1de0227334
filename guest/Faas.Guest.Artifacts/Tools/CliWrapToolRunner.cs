using System.ComponentModel;
using CliWrap;

namespace Faas.Guest.Artifacts.Tools;

internal sealed class CliWrapToolRunner : IToolRunner
{
    public static CliWrapToolRunner Instance { get; } = new();

    public async Task<ToolResult> RunAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var standardOutput = new List<string>();
        var standardError = new List<string>();
        var output = new List<string>();
        var gate = new Lock();

        var command = Cli.Wrap(invocation.FileName)
            .WithArguments(invocation.Arguments)
            .WithEnvironmentVariables(invocation.Environment)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                lock (gate)
                {
                    standardOutput.Add(line);
                    output.Add(line);
                }
            }))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
            {
                lock (gate)
                {
                    standardError.Add(line);
                    output.Add(line);
                }

                invocation.StandardErrorLines?.Report(line);
            }))
            .WithValidation(CommandResultValidation.None);
        if (invocation.WorkingDirectory is not null)
        {
            command = command.WithWorkingDirectory(invocation.WorkingDirectory);
        }

        try
        {
            var result = await command.ExecuteAsync(cancellationToken).ConfigureAwait(false);
            return new ToolResult(invocation, result.ExitCode, standardOutput, standardError, output);
        }
        catch (Exception exception) when (exception is Win32Exception or InvalidOperationException)
        {
            throw new ArtifactBuildException(
                invocation.DisplayName,
                exitCode: null,
                outputTail: [],
                $"'{invocation.FileName}' could not be started: {exception.Message}",
                exception);
        }
    }
}
