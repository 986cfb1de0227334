using CliWrap;
using CliWrap.Buffered;
using Faas.Tests.Shared;

namespace Faas.Vmm.Tests.Support;

/// <summary>The guest kernel guest/kernel/build.sh built on this machine (vmlinux and bzImage).</summary>
internal static class GuestKernel
{
    private static readonly Lazy<Task<string?>> Directory = new(FindAsync);

    /// <summary>The kernel's cache directory, or a skip when it has not been built on this machine.</summary>
    public static async Task<string> RequireAsync()
    {
        var directory = await Directory.Value;
        if (directory is null)
        {
            Assert.Skip("the guest kernel is not built on this machine: run guest/kernel/build.sh");
        }

        return directory;
    }

    private static async Task<string?> FindAsync()
    {
        var script = Path.Combine(RepositoryRoot.Path, "guest", "kernel", "build.sh");
        var result = await Cli.Wrap(script).WithArguments(["--check"]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync();
        var directory = result.StandardOutput.Trim();
        return result.ExitCode == 0 && File.Exists(Path.Combine(directory, "vmlinux")) ? directory : null;
    }
}
