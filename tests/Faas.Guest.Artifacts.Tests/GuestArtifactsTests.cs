using CliWrap;
using CliWrap.Buffered;
using Faas.Guest.Artifacts.Caching;
using Faas.Guest.Artifacts.Tests.Support;

namespace Faas.Guest.Artifacts.Tests;

public sealed class GuestArtifactsTests : IDisposable
{
    private readonly FakeSourceTree source = new();
    private readonly TemporaryDirectory cache = new();

    public void Dispose()
    {
        source.Dispose();
        cache.Dispose();
    }

    [Fact]
    public async Task Builds_what_is_missing_once_even_when_asked_concurrently_then_serves_it_from_the_cache()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var kernelKey = await source.PlaceKernelInCacheAsync(cache.Path, "6.1.0-faas-test");

        var before = await new GuestArtifacts(cache.Path, source.Root).GetStatusAsync(cancellationToken);

        Assert.Equal(["kernel", "agent", "initramfs"], before.Select(s => s.Name));
        Assert.Equal(new ArtifactStatus("kernel", kernelKey, true, Path.Combine(cache.Path, "kernel", kernelKey, "vmlinux")), before[0]);
        Assert.False(before[1].Cached);
        Assert.False(before[2].Cached);
        Assert.Null(before[1].Path);
        Assert.False(Directory.Exists(Path.Combine(cache.Path, "agent")), "a status query must not build");

        var firstProgress = new RecordingProgress();
        var secondProgress = new RecordingProgress();
        var images = await Task.WhenAll(
            new GuestArtifacts(cache.Path, source.Root).EnsureAsync(firstProgress, cancellationToken),
            new GuestArtifacts(cache.Path, source.Root).EnsureAsync(secondProgress, cancellationToken));

        Assert.Equal(images[0], images[1]);
        var image = images[0];
        var messages = firstProgress.Messages.Concat(secondProgress.Messages).ToList();
        Assert.Single(messages, m => m == "building guest agent (NativeAOT)…");
        Assert.Single(messages, m => m == "building initramfs…");
        Assert.Contains(messages, m => m == $"guest agent built: {Path.Combine(cache.Path, "agent", image.AgentKey, "faas-agent")}");

        Assert.Equal(Path.Combine(cache.Path, "kernel", kernelKey, "vmlinux"), image.KernelPath);
        Assert.Equal(Path.Combine(cache.Path, "kernel", kernelKey, "bzImage"), image.BzImagePath);
        Assert.Equal(kernelKey, image.KernelKey);
        Assert.Equal("6.1.0-faas-test", image.KernelRelease);
        Assert.Equal(await AgentSourceKey.ComputeAsync(source.Root, cancellationToken), image.AgentKey);
        Assert.Equal(Path.Combine(cache.Path, "initramfs"), Path.GetDirectoryName(image.InitrdPath));
        Assert.Equal(["faas-agent"], Directory.GetFileSystemEntries(Path.Combine(cache.Path, "agent", image.AgentKey)).Select(Path.GetFileName));
        Assert.Equal([".lock", image.AgentKey], Directory.GetFileSystemEntries(Path.Combine(cache.Path, "agent")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal([".lock", Path.GetFileName(image.InitrdPath)], Directory.GetFileSystemEntries(Path.Combine(cache.Path, "initramfs")).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var agentPath = Path.Combine(cache.Path, "agent", image.AgentKey, "faas-agent");
        var agentRun = await Cli.Wrap(agentPath).ExecuteBufferedAsync(cancellationToken);
        Assert.Equal(FakeSourceTree.AgentGreeting + "\n", agentRun.StandardOutput);

        var initrd = await File.ReadAllBytesAsync(image.InitrdPath, cancellationToken);
        var entries = NewcReader.Read(initrd).ToDictionary(e => e.Name);
        Assert.Equal(await File.ReadAllBytesAsync(agentPath, cancellationToken), entries["init"].Data);
        Assert.True(entries["lib64/ld-linux-x86-64.so.2"].IsRegularFile);

        if (Environment.UserName == "root")
        {
            var root = cache.Combine("unpacked");
            await CpioTool.ExtractAsync(initrd, root);
            var inGuestRoot = await Cli.Wrap("chroot").WithArguments([root, "/init"]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
            Assert.True(inGuestRoot.ExitCode == 0, $"the NativeAOT agent did not run from its initramfs alone: {inGuestRoot.StandardError}");
            Assert.Equal(FakeSourceTree.AgentGreeting + "\n", inGuestRoot.StandardOutput);
        }

        var againProgress = new RecordingProgress();
        var again = await new GuestArtifacts(cache.Path, source.Root).EnsureAsync(againProgress, cancellationToken);

        Assert.Equal(image, again);
        Assert.DoesNotContain(againProgress.Messages, m => m.StartsWith("building", StringComparison.Ordinal));

        var after = await new GuestArtifacts(cache.Path, source.Root).GetStatusAsync(cancellationToken);
        Assert.Equal(new ArtifactStatus("agent", image.AgentKey, true, agentPath), after[1]);
        Assert.Equal(new ArtifactStatus("initramfs", Path.GetFileNameWithoutExtension(image.InitrdPath), true, image.InitrdPath), after[2]);

        source.WriteFile("guest/Faas.Guest.Agent/Program.cs", "System.Console.WriteLine(\"changed\");\n");
        var changed = await new GuestArtifacts(cache.Path, source.Root).GetStatusAsync(cancellationToken);
        Assert.NotEqual(image.AgentKey, changed[1].Key);
        Assert.False(changed[1].Cached);
        Assert.False(changed[2].Cached);
        Assert.True(changed[0].Cached);
    }

    [Fact]
    public async Task A_failing_kernel_build_names_the_script_its_exit_code_and_last_lines_and_streams_progress()
    {
        source.WriteFile(
            "guest/kernel/build.sh",
            """
            case "${1:-}" in
              --hash) echo 0123456789abcdef; exit 0 ;;
              --check) exit 1 ;;
            esac
            echo "faas: [1/3] configuring (cache $FAAS_CACHE_DIR)" >&2
            echo "faas: kernel build failed" >&2
            exit 4
            """);
        var progress = new RecordingProgress();

        var error = await Assert.ThrowsAsync<ArtifactBuildException>(
            () => new GuestArtifacts(cache.Path, source.Root).EnsureAsync(progress, TestContext.Current.CancellationToken));

        Assert.Equal("guest/kernel/build.sh", error.Tool);
        Assert.Equal(4, error.ExitCode);
        Assert.Contains("exit code 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("faas: kernel build failed", error.Message, StringComparison.Ordinal);
        Assert.Contains($"faas: [1/3] configuring (cache {cache.Path})", progress.Messages);
        Assert.Equal("building guest kernel (about 15 minutes on 2 cores)…", progress.Messages[0]);
    }

    [Fact]
    public async Task Status_reports_why_the_kernel_key_is_unknown_without_failing()
    {
        source.WriteFile("guest/kernel/build.sh", "echo \"faas: the kernel source package 'linux-source-6.1' is not installed\" >&2; exit 2\n");

        var status = await new GuestArtifacts(cache.Path, source.Root).GetStatusAsync(TestContext.Current.CancellationToken);

        Assert.Equal("kernel", status[0].Name);
        Assert.False(status[0].Cached);
        Assert.Equal("", status[0].Key);
        Assert.Contains("linux-source-6.1", status[0].Problem, StringComparison.Ordinal);
        Assert.False(status[1].Cached);
    }

    [Fact]
    public async Task A_directory_that_is_not_a_source_tree_is_a_clear_error()
    {
        using var empty = new TemporaryDirectory();

        var error = await Assert.ThrowsAsync<GuestSourceNotFoundException>(
            () => new GuestArtifacts(cache.Path, empty.Path).EnsureAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains(empty.Path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_cache_root_is_the_one_given()
    {
        Assert.Equal(cache.Path, new GuestArtifacts(cache.Path, source.Root).CacheRoot);
    }
}
