using System.ComponentModel;
using System.Text;
using CliWrap;

namespace Faas.Worker.Images.Tools;

internal sealed class CliWrapToolRunner : IToolRunner
{
    public static CliWrapToolRunner Instance { get; } = new();

    public async Task<ToolResult> RunAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        using var standardOutput = new MemoryStream();
        var standardError = new List<string>();
        var gate = new Lock();

        var outputTarget = PipeTarget.ToStream(standardOutput);
        if (invocation.StandardOutputLines is { } outputLines)
        {
            outputTarget = PipeTarget.Merge(outputTarget, PipeTarget.ToDelegate(outputLines.Report, Encoding.UTF8));
        }

        var command = Cli.Wrap(invocation.FileName)
            .WithArguments(invocation.Arguments)
            .WithEnvironmentVariables(invocation.Environment)
            .WithStandardOutputPipe(outputTarget)
            .WithStandardErrorPipe(PipeTarget.ToDelegate(
                line =>
                {
                    lock (gate)
                    {
                        standardError.Add(line);
                    }

                    invocation.StandardErrorLines?.Report(line);
                },
                Encoding.UTF8))
            .WithValidation(CommandResultValidation.None);

        try
        {
            var result = await command.ExecuteAsync(cancellationToken).ConfigureAwait(false);
            lock (gate)
            {
                return new ToolResult(invocation, result.ExitCode, standardOutput.ToArray(), standardError.ToList());
            }
        }
        catch (Exception exception) when (exception is Win32Exception or InvalidOperationException)
        {
            throw new ImageException(
                ImageErrorKind.ToolFailed,
                "",
                $"'{invocation.FileName}' could not be started ({exception.Message}); install it with: apt-get install -y skopeo erofs-utils",
                exception);
        }
    }
}
