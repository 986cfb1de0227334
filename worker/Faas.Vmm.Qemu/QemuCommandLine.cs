using System.Globalization;

namespace Faas.Vmm.Qemu;

/// <summary>The QEMU arguments for one VM: a microvm with a serial console, QMP, the agent port, an entropy source and its disks.</summary>
internal static class QemuCommandLine
{
    /// <summary>The virtio-serial port name; the guest agent finds its channel by this name.</summary>
    public const string AgentPortName = "faas.agent";

    /// <summary>
    /// reboot=t and panic=-1 make a guest reboot or panic end QEMU at once (-no-reboot); the timer and
    /// i8042 options skip probing that costs seconds under TCG.
    /// </summary>
    public const string KernelArguments =
        "console=ttyS0 quiet reboot=t panic=-1 no_timer_check tsc=reliable i8042.noaux i8042.nokbd i8042.nomux i8042.nopnp " +
        "lpj=5000000 nokaslr cryptomgr.notests faas.port=" + AgentPortName;

    private const string MemoryBackendId = "ram";

    /// <summary>A boot; a snapshottable VM gets its RAM as a shared mapping of a file in its run directory.</summary>
    public static IReadOnlyList<string> Build(QemuOptions options, VmBootSpec spec, RunDirectory runDirectory)
    {
        var kernelArguments = string.IsNullOrWhiteSpace(spec.ExtraKernelArguments)
            ? KernelArguments
            : $"{KernelArguments} {spec.ExtraKernelArguments.Trim()}";

        return
        [
            .. Machine(options, spec, spec.Snapshottable ? (runDirectory.MemoryPath, Shared: true) : null),
            "-kernel", spec.KernelPath,
            "-initrd", spec.InitrdPath,
            "-append", kernelArguments,
            .. Devices(spec, runDirectory),
        ];
    }

    /// <summary>
    /// A restore: the same machine and devices, RAM a private copy-on-write mapping of the snapshot's memory file (never
    /// written back), and QEMU waiting for the device state over QMP. No kernel: the guest's is in its RAM already.
    /// </summary>
    public static IReadOnlyList<string> BuildRestore(QemuOptions options, VmBootSpec spec, RunDirectory runDirectory, string memoryPath) =>
    [
        .. Machine(options, spec, (memoryPath, Shared: false)),
        .. Devices(spec, runDirectory),
        "-incoming", "defer",
    ];

    private static IEnumerable<string> Machine(QemuOptions options, VmBootSpec spec, (string Path, bool Shared)? memoryFile) =>
    [
        // acpi=off: only then does QEMU put virtio_mmio.device= on the kernel command line.
        "-M", memoryFile is null ? "microvm,acpi=off" : $"microvm,acpi=off,memory-backend={MemoryBackendId}",
        .. options.Accelerator == QemuAccelerator.Kvm ? (string[])["-accel", "kvm", "-cpu", "host"] : ["-accel", "tcg", "-cpu", "max"],
        "-m", spec.MemoryMiB.ToString(CultureInfo.InvariantCulture),
        .. memoryFile is { } file ? (string[])["-object", MemoryBackend(spec.MemoryMiB, file.Path, file.Shared)] : [],
        "-smp", spec.VcpuCount.ToString(CultureInfo.InvariantCulture),
        "-nographic", "-nodefaults", "-no-user-config", "-no-reboot",
    ];

    private static IEnumerable<string> Devices(VmBootSpec spec, RunDirectory runDirectory) =>
    [
        "-chardev", $"file,id=console,path={Escape(runDirectory.ConsoleLogPath)}",
        "-serial", "chardev:console",
        "-chardev", $"socket,id=qmp,path={Escape(runDirectory.QmpSocketPath)},server=off",
        "-mon", "chardev=qmp,mode=control",
        "-device", "virtio-serial-device",
        "-chardev", $"socket,id=agent,path={Escape(runDirectory.AgentSocketPath)},server=off",
        "-device", $"virtserialport,chardev=agent,name={AgentPortName}",
        "-device", "virtio-rng-device",
        .. (spec.Disks ?? []).SelectMany((disk, index) => Disk(disk, index)),
    ];

    /// <summary>share=on: guest writes reach the file (what a snapshot keeps); share=off: a private copy-on-write mapping of it.</summary>
    private static string MemoryBackend(int memoryMiB, string path, bool shared) =>
        string.Create(CultureInfo.InvariantCulture, $"memory-backend-file,id={MemoryBackendId},size={memoryMiB}M,mem-path={Escape(path)},share={(shared ? "on" : "off")}");

    /// <summary>A raw disk image as a virtio-blk device; the guest sees them as /dev/vda, /dev/vdb, … in this order.</summary>
    private static string[] Disk(VmDisk disk, int index) =>
    [
        "-drive", $"file={Escape(disk.Path)},if=none,format=raw,id=disk{index}{(disk.ReadOnly ? ",readonly=on" : "")}",
        "-device", $"virtio-blk-device,drive=disk{index}",
    ];

    /// <summary>QEMU option values are comma-separated; a literal comma is written twice.</summary>
    private static string Escape(string value) => value.Replace(",", ",,", StringComparison.Ordinal);
}
