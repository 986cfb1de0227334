using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using Faas.Vmm.Qemu.Tests.Support;

namespace Faas.Vmm.Qemu.Tests;

/// <summary>Each test boots its own VM and checks that nothing (process, directory) outlives it.</summary>
[SupportedOSPlatform("linux")]
public sealed class VmLifecycleTests
{
    private static readonly TimeSpan ProcessGoneLimit = TimeSpan.FromSeconds(5);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Shutdown_asks_the_agent_and_QEMU_exits_by_itself()
    {
        using var root = new TemporaryRunRoot();
        await using var vm = (QemuMicroVm)await new QemuBackend(root.Options()).BootAsync(await TestGuest.BootSpecAsync(), Token);

        await vm.ShutdownAsync(TimeSpan.FromSeconds(20), Token);

        Assert.True(vm.Exited.IsCompleted);
        Assert.Equal(0, await vm.Exited);
        Assert.False(ProcFs.IsAlive(vm.ProcessId));
    }

    [Fact]
    public async Task Shutdown_of_a_VM_that_does_not_stop_ends_with_a_kill()
    {
        using var root = new TemporaryRunRoot();
        await using var vm = (QemuMicroVm)await new QemuBackend(root.Options()).BootAsync(await TestGuest.BootSpecAsync(), Token);
        using (var stop = Process.Start("kill", ["-STOP", vm.ProcessId.ToString(CultureInfo.InvariantCulture)]))
        {
            await stop.WaitForExitAsync(Token);
        }

        await vm.ShutdownAsync(TimeSpan.FromMilliseconds(500), Token);

        Assert.Null(await vm.Exited);
        Assert.False(ProcFs.IsAlive(vm.ProcessId));
    }

    [Fact]
    public async Task Dispose_kills_QEMU_removes_the_run_directory_and_can_be_repeated()
    {
        using var root = new TemporaryRunRoot();
        var vm = (QemuMicroVm)await new QemuBackend(root.Options()).BootAsync(await TestGuest.BootSpecAsync(), Token);
        var pid = vm.ProcessId;
        Assert.True(Directory.Exists(vm.RunDirectoryPath));

        await vm.DisposeAsync();
        await vm.DisposeAsync();

        Assert.True(vm.Exited.IsCompleted);
        Assert.False(ProcFs.IsAlive(pid));
        Assert.Empty(ProcFs.ProcessesMentioning(root.Path));
        Assert.Empty(root.Entries());
        var afterDispose = await vm.Agent.ExecAsync(new(["true"]), cancellationToken: Token);
        Assert.NotNull(afterDispose.Error);
    }

    [Fact]
    public async Task Run_directory_is_private_and_KeepConsoleLog_keeps_only_the_log()
    {
        using var root = new TemporaryRunRoot();
        var vm = (QemuMicroVm)await new QemuBackend(root.Options() with { KeepConsoleLog = true }).BootAsync(await TestGuest.BootSpecAsync(), Token);
        var mode = File.GetUnixFileMode(vm.RunDirectoryPath);

        await vm.DisposeAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, mode);
        Assert.Equal([vm.ConsoleLogPath], root.Entries().Where(File.Exists));
    }

    [Fact]
    public async Task Cancelling_during_boot_leaves_no_process_and_no_run_directory()
    {
        using var root = new TemporaryRunRoot();
        var spec = await TestGuest.BootSpecAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new QemuBackend(root.Options()).BootAsync(spec, cancel.Token));

        Assert.Equal(cancel.Token, error.CancellationToken);

        Assert.Empty(await ProcFs.WaitUntilNoneMentionAsync(root.Path, ProcessGoneLimit));
        Assert.Empty(root.Entries());
    }

    [Fact]
    public async Task Missing_kernel_is_a_VmException_naming_the_path()
    {
        using var root = new TemporaryRunRoot();
        var spec = await TestGuest.BootSpecAsync() with { KernelPath = "/no/such/vmlinux" };

        var error = await Assert.ThrowsAsync<VmException>(() => new QemuBackend(root.Options()).BootAsync(spec, Token));

        Assert.Contains("/no/such/vmlinux", error.Message, StringComparison.Ordinal);
        Assert.Empty(root.Entries());
    }

    [Fact]
    public async Task A_file_that_is_not_a_kernel_makes_QEMU_fail_and_its_stderr_is_reported()
    {
        using var root = new TemporaryRunRoot();
        var notAKernel = Path.Combine(root.Path, "not-a-kernel");
        await File.WriteAllTextAsync(notAKernel, "this is not a kernel", Token);
        var spec = await TestGuest.BootSpecAsync() with { KernelPath = notAKernel };

        var error = await Assert.ThrowsAsync<VmException>(() => new QemuBackend(root.Options()).BootAsync(spec, Token));

        Assert.StartsWith("QEMU exited with code 1 before the guest agent said hello: qemu", error.Message, StringComparison.Ordinal);
        Assert.Contains("kernel", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("--- QEMU stderr ---", error.ConsoleTail, StringComparison.Ordinal);
        Assert.Empty(await ProcFs.WaitUntilNoneMentionAsync(root.Path, ProcessGoneLimit));
        Assert.Equal([notAKernel], root.Entries());
    }

    [Fact]
    public async Task Guest_that_panics_before_the_agent_is_reported_with_its_console()
    {
        using var root = new TemporaryRunRoot();
        var spec = await TestGuest.BootSpecAsync("rdinit=/no/such/init init=/no/such/init");

        var error = await Assert.ThrowsAsync<VmException>(() => new QemuBackend(root.Options()).BootAsync(spec, Token));

        Assert.StartsWith("QEMU exited with code 0 before the guest agent said hello", error.Message, StringComparison.Ordinal);
        Assert.Contains("Kernel panic", error.ConsoleTail, StringComparison.Ordinal);
        Assert.Empty(await ProcFs.WaitUntilNoneMentionAsync(root.Path, ProcessGoneLimit));
        Assert.Empty(root.Entries());
    }

    [Fact]
    public async Task Boot_timeout_is_a_VmException_and_QEMU_is_killed()
    {
        using var root = new TemporaryRunRoot();
        var spec = await TestGuest.BootSpecAsync();

        var error = await Assert.ThrowsAsync<VmException>(() => new QemuBackend(root.Options(TimeSpan.FromMilliseconds(200))).BootAsync(spec, Token));

        Assert.StartsWith("the guest agent did not say hello within 0.2 s", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ProcFs.WaitUntilNoneMentionAsync(root.Path, ProcessGoneLimit));
        Assert.Empty(root.Entries());
    }
}
