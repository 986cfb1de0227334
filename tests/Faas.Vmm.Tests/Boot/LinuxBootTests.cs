using System.Diagnostics;
using System.Text;
using Faas.Vmm.Boot;
using Faas.Vmm.Tests.Support;

namespace Faas.Vmm.Tests.Boot;

/// <summary>The guest kernel started by the VMM: the Linux 64-bit boot protocol, the zero page, the serial console.</summary>
public sealed class LinuxBootTests
{
    /// <summary>Measured here (kvm_pvm, every guest kernel instruction emulated): "Linux version" after ~0.8 s, the E820 map right after.</summary>
    private static readonly TimeSpan FirstLinesLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_guest_kernel_prints_its_first_console_lines_on_the_emulated_serial_port()
    {
        var kvm = HostKvm.Require();
        var kernel = Path.Combine(await GuestKernel.RequireAsync(), "vmlinux");
        var console = new StringBuilder();
        var sawMemoryMap = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var config = new MachineConfig(128 << 20) { VirtioConsole = true };
        var source = new KernelBootSource(kernel, null, "console=ttyS0 earlyprintk=serial,ttyS0,115200 reboot=t panic=-1 nokaslr");
        var clock = Stopwatch.StartNew();

        using var machine = VmBuilder.BootKernel(kvm, config, source, bytes =>
        {
            lock (console)
            {
                console.Append(Encoding.ASCII.GetString(bytes));
                if (console.ToString().Contains("0x0000000007ffffff] usable", StringComparison.Ordinal))
                {
                    sawMemoryMap.TrySetResult();
                }
            }
        });
        machine.Start();
        var first = await Task.WhenAny(sawMemoryMap.Task, machine.Stopped, Task.Delay(FirstLinesLimit, TestContext.Current.CancellationToken));
        var elapsed = clock.Elapsed;
        await machine.PauseAsync();

        string output;
        lock (console)
        {
            output = console.ToString();
        }

        Assert.True(first == sawMemoryMap.Task, $"no E820 map on the console after {elapsed.TotalSeconds:F1} s; stop: {(machine.Stopped.IsCompleted ? await machine.Stopped : null)}; console:\n{output}");
        Assert.Contains("Linux version 6.", output, StringComparison.Ordinal);
        Assert.Contains($"Command line: {source.CommandLine} {machine.DeviceKernelArguments}", output, StringComparison.Ordinal);
        Assert.Contains("BIOS-e820: [mem 0x0000000000000000-0x000000000009fbff] usable", output, StringComparison.Ordinal);
        Assert.Contains("BIOS-e820: [mem 0x0000000000100000-0x0000000007ffffff] usable", output, StringComparison.Ordinal);
        TestContext.Current.SendDiagnosticMessage($"first console lines after {elapsed.TotalMilliseconds:F0} ms");
    }
}
