using Faas.Vmm.Qemu.Processes;
using Faas.Vmm.Qemu.Tests.Support;

namespace Faas.Vmm.Qemu.Tests;

/// <summary>The hook that AppDomain.ProcessExit and Console.CancelKeyPress run: it kills every QEMU of this process.</summary>
[Collection(ProcessWideTestGroup.Name)]
public sealed class ProcessExitHookTests
{
    [Fact]
    public async Task Undisposed_VMs_are_killed_by_the_process_exit_hook()
    {
        using var root = new TemporaryRunRoot();
        var vm = (QemuMicroVm)await new QemuBackend(root.Options()).BootAsync(await TestGuest.BootSpecAsync(), TestContext.Current.CancellationToken);
        try
        {
            Assert.True(QemuBackend.LiveProcessCount >= 1);

            LiveQemuProcesses.KillAll();

            await vm.Exited.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
            Assert.False(ProcFs.IsAlive(vm.ProcessId));
            Assert.Equal(0, QemuBackend.LiveProcessCount);
        }
        finally
        {
            await vm.DisposeAsync();
        }
    }
}
