namespace Faas.Vmm.Qemu.Tests;

public sealed class QemuCommandLineTests
{
    private static IReadOnlyList<string> Build(QemuOptions options, VmBootSpec spec)
    {
        var root = Path.Combine(Path.GetTempPath(), $"fq-{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            return QemuCommandLine.Build(options, spec, RunDirectory.Create(root, "vm1"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static string ValueAfter(IReadOnlyList<string> arguments, string option, string? startingWith = null)
    {
        for (var i = 0; i < arguments.Count - 1; i++)
        {
            if (arguments[i] == option && (startingWith is null || arguments[i + 1].StartsWith(startingWith, StringComparison.Ordinal)))
            {
                return arguments[i + 1];
            }
        }

        throw new Xunit.Sdk.XunitException($"no {option} {startingWith}… in: {string.Join(' ', arguments)}");
    }

    [Fact]
    public void Tcg_microvm_without_ACPI_with_the_specs_size_kernel_and_initrd()
    {
        var arguments = Build(new QemuOptions(), new VmBootSpec("/k/vmlinux", "/k/initrd", MemoryMiB: 192, VcpuCount: 2));

        Assert.Equal("microvm,acpi=off", ValueAfter(arguments, "-M"));
        Assert.Equal("tcg", ValueAfter(arguments, "-accel"));
        Assert.Equal("max", ValueAfter(arguments, "-cpu"));
        Assert.Equal("192", ValueAfter(arguments, "-m"));
        Assert.Equal("2", ValueAfter(arguments, "-smp"));
        Assert.Equal("/k/vmlinux", ValueAfter(arguments, "-kernel"));
        Assert.Equal("/k/initrd", ValueAfter(arguments, "-initrd"));
        Assert.Contains("-no-reboot", arguments);
        Assert.Contains("-nodefaults", arguments);
    }

    [Fact]
    public void Kvm_uses_the_host_cpu()
    {
        var arguments = Build(new QemuOptions { Accelerator = QemuAccelerator.Kvm }, new VmBootSpec("/k/vmlinux", "/k/initrd"));

        Assert.Equal("kvm", ValueAfter(arguments, "-accel"));
        Assert.Equal("host", ValueAfter(arguments, "-cpu"));
    }

    [Fact]
    public void Kernel_command_line_names_the_agent_port_and_ends_with_the_extra_arguments()
    {
        var arguments = Build(new QemuOptions(), new VmBootSpec("/k/vmlinux", "/k/initrd", ExtraKernelArguments: " faas.debug=1 "));

        var append = ValueAfter(arguments, "-append");
        Assert.StartsWith("console=ttyS0 ", append, StringComparison.Ordinal);
        Assert.Contains(" reboot=t panic=-1 ", append, StringComparison.Ordinal);
        Assert.Contains(" faas.port=faas.agent", append, StringComparison.Ordinal);
        Assert.EndsWith(" faas.debug=1", append, StringComparison.Ordinal);
        Assert.Equal("virtserialport,chardev=agent,name=faas.agent", ValueAfter(arguments, "-device", "virtserialport"));
    }

    [Fact]
    public void QEMU_connects_to_sockets_this_process_listens_on()
    {
        var arguments = Build(new QemuOptions(), new VmBootSpec("/k/vmlinux", "/k/initrd"));

        Assert.EndsWith("/vm1/qmp.sock,server=off", ValueAfter(arguments, "-chardev", "socket,id=qmp,"), StringComparison.Ordinal);
        Assert.EndsWith("/vm1/agent.sock,server=off", ValueAfter(arguments, "-chardev", "socket,id=agent,"), StringComparison.Ordinal);
        Assert.EndsWith("/vm1/console.log", ValueAfter(arguments, "-chardev", "file,id=console,"), StringComparison.Ordinal);
        Assert.Equal("chardev:console", ValueAfter(arguments, "-serial"));
        Assert.Equal("virtio-rng-device", ValueAfter(arguments, "-device", "virtio-rng"));
    }

    [Fact]
    public void Disks_become_virtio_blk_devices_in_order_read_only_unless_asked()
    {
        var spec = new VmBootSpec("/k/vmlinux", "/k/initrd", Disks: [new VmDisk("/images/a,b.erofs"), new VmDisk("/data/rw.img", ReadOnly: false)]);

        var arguments = Build(new QemuOptions(), spec);

        Assert.Equal("file=/images/a,,b.erofs,if=none,format=raw,id=disk0,readonly=on", ValueAfter(arguments, "-drive", "file=/images/a"));
        Assert.Equal("file=/data/rw.img,if=none,format=raw,id=disk1", ValueAfter(arguments, "-drive", "file=/data/rw.img"));
        Assert.Equal("virtio-blk-device,drive=disk0", ValueAfter(arguments, "-device", "virtio-blk-device,drive=disk0"));
        Assert.Equal("virtio-blk-device,drive=disk1", ValueAfter(arguments, "-device", "virtio-blk-device,drive=disk1"));
    }

    [Fact]
    public void A_VM_that_is_not_snapshottable_has_anonymous_RAM()
    {
        var arguments = Build(new QemuOptions(), new VmBootSpec("/k/vmlinux", "/k/initrd"));

        Assert.DoesNotContain("-object", arguments);
        Assert.DoesNotContain("-incoming", arguments);
    }

    [Fact]
    public void A_snapshottable_VM_has_its_RAM_in_a_shared_file_of_its_run_directory()
    {
        var arguments = Build(new QemuOptions(), new VmBootSpec("/k/vmlinux", "/k/initrd", MemoryMiB: 256, Snapshottable: true));

        Assert.Equal("microvm,acpi=off,memory-backend=ram", ValueAfter(arguments, "-M"));
        var backend = ValueAfter(arguments, "-object");
        Assert.StartsWith("memory-backend-file,id=ram,size=256M,mem-path=", backend, StringComparison.Ordinal);
        Assert.EndsWith("/vm1/memory,share=on", backend, StringComparison.Ordinal);
        Assert.Equal("/k/vmlinux", ValueAfter(arguments, "-kernel"));
    }

    [Fact]
    public void A_restore_maps_the_snapshot_memory_privately_and_waits_for_the_state_without_a_kernel()
    {
        var root = Path.Combine(Path.GetTempPath(), $"fq-{Guid.NewGuid().ToString("N")[..8]}");
        try
        {
            var spec = new VmBootSpec("/k/vmlinux", "/k/initrd", MemoryMiB: 256, Disks: [new VmDisk("/images/root.erofs")], Snapshottable: true);

            var arguments = QemuCommandLine.BuildRestore(new QemuOptions(), spec, RunDirectory.Create(root, "vm1"), "/snapshots/a,b/memory");

            Assert.Equal("memory-backend-file,id=ram,size=256M,mem-path=/snapshots/a,,b/memory,share=off", ValueAfter(arguments, "-object"));
            Assert.Equal("microvm,acpi=off,memory-backend=ram", ValueAfter(arguments, "-M"));
            Assert.Equal("defer", ValueAfter(arguments, "-incoming"));
            Assert.Equal("virtio-blk-device,drive=disk0", ValueAfter(arguments, "-device", "virtio-blk-device"));
            Assert.DoesNotContain("-kernel", arguments);
            Assert.DoesNotContain("-initrd", arguments);
            Assert.DoesNotContain("-S", arguments);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
