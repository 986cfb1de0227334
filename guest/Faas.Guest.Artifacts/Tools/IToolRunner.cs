namespace Faas.Guest.Artifacts.Tools;

/// <summary>Runs an external program to completion and collects its output. A non-zero exit code is a result, not an exception.</summary>
internal interface IToolRunner
{
    /// <exception cref="ArtifactBuildException">The program could not be started.</exception>
    Task<ToolResult> RunAsync(ToolInvocation invocation, CancellationToken cancellationToken);
}
