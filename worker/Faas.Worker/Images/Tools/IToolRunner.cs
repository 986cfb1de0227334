namespace Faas.Worker.Images.Tools;

/// <summary>Runs an external program to completion. A non-zero exit code is a result, not an exception.</summary>
internal interface IToolRunner
{
    /// <exception cref="ImageException">The program could not be started (<see cref="ImageErrorKind.ToolFailed"/>).</exception>
    Task<ToolResult> RunAsync(ToolInvocation invocation, CancellationToken cancellationToken);
}
