using CliWrap;
using CliWrap.Buffered;
using Faas.Guest.Artifacts.Cpio;
using Faas.Guest.Artifacts.Initramfs;
using Faas.Guest.Artifacts.Tests.Support;

namespace Faas.Guest.Artifacts.Tests.Initramfs;

public sealed class InitramfsBuilderTests : IDisposable
{
    private readonly TemporaryDirectory temporary = new();

    public void Dispose() => temporary.Dispose();

    private string FakeAgent()
    {
        var agent = temporary.Combine("agent");
        File.Copy("/bin/true", agent);
        return agent;
    }

    private static async Task<byte[]> BuildAsync(string agent)
    {
        using var stream = new MemoryStream();
        await new InitramfsBuilder().BuildAsync(agent, stream, TestContext.Current.CancellationToken);
        return stream.ToArray();
    }

    [Fact]
    public async Task Holds_the_agent_as_init_with_its_libraries_loader_and_busybox()
    {
        var agent = FakeAgent();

        var entries = NewcReader.Read(await BuildAsync(agent)).ToDictionary(e => e.Name);

        var init = entries["init"];
        Assert.True(init.IsRegularFile);
        Assert.Equal(0x1EDu, init.Permissions);
        Assert.Equal(await File.ReadAllBytesAsync(agent, TestContext.Current.CancellationToken), init.Data);

        var libc = entries["lib/x86_64-linux-gnu/libc.so.6"];
        Assert.True(libc.IsRegularFile);
        Assert.Equal(await File.ReadAllBytesAsync("/lib/x86_64-linux-gnu/libc.so.6", TestContext.Current.CancellationToken), libc.Data);

        var loader = entries["lib64/ld-linux-x86-64.so.2"];
        Assert.True(loader.IsRegularFile, "the loader is a symlink on the host; the archive must hold its content");
        Assert.Equal(await File.ReadAllBytesAsync("/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", TestContext.Current.CancellationToken), loader.Data);

        var busybox = entries["bin/busybox"];
        Assert.True(busybox.IsRegularFile);
        Assert.Equal(await File.ReadAllBytesAsync("/bin/busybox", TestContext.Current.CancellationToken), busybox.Data);

        Assert.True(entries["bin/sh"].IsSymbolicLink);
        Assert.Equal("busybox", entries["bin/sh"].LinkTarget);
        Assert.Equal("../bin/busybox", entries["sbin/init"].LinkTarget);
        Assert.Equal("../../bin/busybox", entries["usr/bin/wget"].LinkTarget);

        foreach (var directory in new[] { "proc", "sys", "dev", "tmp", "run", "root", "etc" })
        {
            Assert.True(entries[directory].IsDirectory, directory);
        }

        Assert.Equal((uint)CpioModes.SharedTemporary, entries["tmp"].Permissions);
        Assert.StartsWith("root:x:0:0:", System.Text.Encoding.UTF8.GetString(entries["etc/passwd"].Data), StringComparison.Ordinal);
        Assert.StartsWith("root:x:0:", System.Text.Encoding.UTF8.GetString(entries["etc/group"].Data), StringComparison.Ordinal);
        Assert.All(entries.Values, e => Assert.Equal((0u, 0u, 0u), (e.UserId, e.GroupId, e.ModificationTime)));
    }

    [Fact]
    public async Task The_same_agent_and_busybox_give_identical_bytes()
    {
        var agent = FakeAgent();
        var first = await BuildAsync(agent);

        File.SetLastWriteTimeUtc(agent, DateTime.UtcNow.AddDays(-3));
        var copy = temporary.Combine("elsewhere", "agent");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(agent, copy);

        Assert.Equal(first, await BuildAsync(agent));
        Assert.Equal(first, await BuildAsync(copy));
    }

    [Fact]
    public async Task Unpacked_with_gnu_cpio_the_tree_runs_init_and_the_busybox_shell_under_chroot()
    {
        if (Environment.UserName != "root")
        {
            Assert.Skip("chroot needs root.");
        }

        var root = temporary.Combine("root");
        await CpioTool.ExtractAsync(await BuildAsync(FakeAgent()), root);

        var init = await Cli.Wrap("chroot").WithArguments([root, "/init"]).WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
        var shell = await Cli.Wrap("chroot").WithArguments([root, "/bin/sh", "-c", "echo hello from $(id -un) in $(pwd); ls /usr/bin/wget"])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);

        Assert.True(init.ExitCode == 0, $"/init failed ({init.ExitCode}): {init.StandardError}");
        Assert.True(shell.ExitCode == 0, $"/bin/sh failed ({shell.ExitCode}): {shell.StandardError}");
        Assert.Equal("hello from root in /\n/usr/bin/wget\n", shell.StandardOutput);
    }

    [Fact]
    public async Task A_missing_agent_or_busybox_is_reported_by_path()
    {
        var missingAgent = await Assert.ThrowsAsync<FileNotFoundException>(() => BuildAsync(temporary.Combine("no-agent")));
        var missingBusybox = await Assert.ThrowsAsync<FileNotFoundException>(
            () => new InitramfsBuilder(temporary.Combine("no-busybox")).BuildAsync(FakeAgent(), Stream.Null, TestContext.Current.CancellationToken));

        Assert.Contains("no-agent", missingAgent.Message, StringComparison.Ordinal);
        Assert.Contains("busybox-static", missingBusybox.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_library_the_host_lacks_fails_with_the_ldd_output()
    {
        var agent = temporary.Combine("needs-missing-lib");
        var compile = await Cli.Wrap("sh")
            .WithArguments(["-c", $"cd {temporary.Path} && echo 'int f(void){{return 1;}}' > f.c && cc -shared -fPIC -o libfaasmissing.so f.c && echo 'int f(void); int main(void){{return f();}}' > m.c && cc -o {agent} m.c -L. -lfaasmissing && rm libfaasmissing.so"])
            .WithValidation(CommandResultValidation.None)
            .ExecuteBufferedAsync(TestContext.Current.CancellationToken);
        Assert.True(compile.ExitCode == 0, compile.StandardError);

        var error = await Assert.ThrowsAsync<ArtifactBuildException>(() => BuildAsync(agent));

        Assert.Equal("ldd", error.Tool);
        Assert.Contains("libfaasmissing.so", error.Message, StringComparison.Ordinal);
        Assert.Contains("not found", error.Message, StringComparison.Ordinal);
    }
}
