using System.Collections.Concurrent;
using Faas.Worker.Images.Tools;

namespace Faas.Worker.Tests.Support;

/// <summary>Runs the real tools and counts how often each skopeo subcommand (or other program) ran.</summary>
internal sealed class CountingToolRunner : IToolRunner
{
    private readonly ConcurrentDictionary<string, int> counts = new();

    public int Count(string name) => counts.GetValueOrDefault(name);

    public async Task<ToolResult> RunAsync(ToolInvocation invocation, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(invocation.FileName) == "skopeo"
            ? invocation.Arguments.First(argument => argument is "copy" or "inspect")
            : Path.GetFileName(invocation.FileName);
        counts.AddOrUpdate(name, 1, (_, count) => count + 1);
        return await CliWrapToolRunner.Instance.RunAsync(invocation, cancellationToken);
    }
}
