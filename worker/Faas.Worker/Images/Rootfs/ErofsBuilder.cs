using Faas.Worker.Images.Tools;

namespace Faas.Worker.Images.Rootfs;

/// <summary>
/// Builds a read-only erofs image with mkfs.erofs: lz4 clusters (the guest kernel has EROFS_FS_ZIP with lz4), every timestamp 0,
/// a UUID from the manifest digest and no extended attributes, so the same tree gives the same bytes on every host
/// (mkfs.erofs sorts directory entries itself, so the order files were created in does not matter).
/// </summary>
internal sealed class ErofsBuilder
{
    private readonly string program;
    private readonly IToolRunner runner;

    public ErofsBuilder(string program, IToolRunner runner)
    {
        this.program = program;
        this.runner = runner;
    }

    /// <param name="allRoot">Make every file owned by root: used when the tree could not be given its real owners (not running as root).</param>
    public async Task BuildAsync(string tree, string output, string uuid, bool allRoot, string reference, CancellationToken cancellationToken)
    {
        var arguments = new List<string> { "-zlz4", "-T0", $"-U{uuid}", "-x-1", "--quiet" };
        if (allRoot)
        {
            arguments.Add("--all-root");
        }

        arguments.Add(output);
        arguments.Add(tree);
        var result = await runner.RunAsync(new ToolInvocation(program, arguments), cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            var tail = string.Join(" | ", result.StandardError.TakeLast(5));
            throw new ImageException(ImageErrorKind.ToolFailed, reference, $"mkfs.erofs failed (exit code {result.ExitCode}) building the root filesystem of {reference}: {tail}");
        }
    }
}
