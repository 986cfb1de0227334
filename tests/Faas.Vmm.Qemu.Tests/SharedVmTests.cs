using Faas.Vmm.Qemu.Tests.Support;

namespace Faas.Vmm.Qemu.Tests;

public sealed class SharedVmTests(SharedVmFixture fixture) : IClassFixture<SharedVmFixture>
{
    private QemuMicroVm Vm => fixture.Vm;

    [Fact]
    public void Agent_said_hello_from_the_guest_kernel_and_boot_time_was_measured()
    {
        Assert.Equal(fixture.Image.KernelRelease, Vm.Agent.Hello.KernelRelease);
        Assert.InRange(Vm.BootToReady, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(60));
        Assert.True(ProcFs.IsAlive(Vm.ProcessId));
        Assert.False(Vm.Exited.IsCompleted);
    }

    [Fact]
    public async Task Uname_prints_the_guest_kernel_release()
    {
        var run = await GuestRun.ExecAsync(Vm, "uname", "-a");

        Assert.Equal(0, run.Result.ExitCode);
        Assert.Null(run.Result.Error);
        Assert.StartsWith("Linux ", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($" {fixture.Image.KernelRelease} ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exit_code_is_returned()
    {
        var run = await GuestRun.ExecAsync(Vm, "sh", "-c", "exit 7");

        Assert.Equal(7, run.Result.ExitCode);
        Assert.Null(run.Result.Signal);
        Assert.Null(run.Result.Error);
    }

    [Fact]
    public async Task Missing_program_is_an_error_value_and_the_VM_serves_the_next_exec()
    {
        var missing = await GuestRun.ExecAsync(Vm, "/no/such/thing");
        var next = await GuestRun.ExecAsync(Vm, "echo", "still here");

        Assert.Null(missing.Result.ExitCode);
        Assert.NotNull(missing.Result.Error);
        Assert.Contains("/no/such/thing", missing.Result.Error, StringComparison.Ordinal);
        Assert.Equal(0, next.Result.ExitCode);
        Assert.Equal("still here\n", next.Stdout);
    }

    [Fact]
    public async Task Stdout_and_stderr_are_kept_apart()
    {
        var run = await GuestRun.ExecAsync(Vm, "sh", "-c", "echo to-out; echo to-err >&2; echo more-out");

        Assert.Equal(0, run.Result.ExitCode);
        Assert.Equal("to-out\nmore-out\n", run.Stdout);
        Assert.Equal("to-err\n", run.Stderr);
    }

    [Fact]
    public async Task Command_killed_by_a_signal_reports_the_signal()
    {
        var run = await GuestRun.ExecAsync(Vm, "sh", "-c", "kill -KILL $$");

        Assert.Equal(9, run.Result.Signal);
        Assert.Equal(128 + 9, run.Result.ExitCode);
    }

    [Fact]
    public async Task QMP_reports_the_guest_running()
    {
        var status = await Vm.Qmp.QueryStatusAsync(TestContext.Current.CancellationToken);

        Assert.Equal("running", status.Status);
        Assert.True(status.Running);
    }

    [Fact]
    public async Task Snapshot_of_a_VM_not_booted_snapshottable_is_refused_and_it_keeps_running()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"fq-{Guid.NewGuid():N}");

        var error = await Assert.ThrowsAsync<VmException>(() => new QemuBackend().SnapshotAsync(Vm, directory, TestContext.Current.CancellationToken));

        Assert.Contains("not booted snapshottable", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory));
        Assert.Equal("ok\n", (await GuestRun.ExecAsync(Vm, "echo", "ok")).Stdout);
    }
}
