using System.Security.Cryptography;
using System.Text;
using Faas.Guest.Artifacts;
using Faas.Guest.Protocol.Messages;
using Faas.Vmm.Agent;
using Faas.Vmm.Backend;
using Faas.Vmm.Guest;
using Faas.Vmm.Host;
using Faas.Vmm.Tests.Support;

namespace Faas.Vmm.Tests.Backend;

/// <summary>
/// The built-in VMM behind <see cref="IVmBackend"/> with the real guest (kernel + agent initramfs). Linux guests need hardware
/// virtualization: on kvm_pvm hosts these tests are skipped, except the one that checks the backend says why it cannot boot.
/// </summary>
public sealed class KvmBackendTests : IDisposable
{
    private static readonly Lazy<Task<GuestImage>> Guest = new(() => new GuestArtifacts().EnsureAsync());

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("faas-kvm-backend-");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_kvm_pvm_a_linux_boot_is_refused_with_the_reason_and_the_way_out()
    {
        HostKvm.Require();
        if (HostKvm.Virtualization.Kvm != KvmKind.Pvm)
        {
            Assert.Skip($"this host's KVM is not kvm_pvm: {HostKvm.Virtualization.KvmDetail}");
        }

        using var backend = new KvmBackend(Options());
        var kernel = Path.Combine(await GuestKernel.RequireAsync(), "vmlinux");
        var error = await Assert.ThrowsAsync<VmException>(() => backend.BootAsync(new VmBootSpec(kernel, kernel), Token));

        Assert.Contains("kvm_pvm", error.Message, StringComparison.Ordinal);
        Assert.Contains("--backend qemu", error.Message, StringComparison.Ordinal);
        Assert.Empty(_root.EnumerateFileSystemInfos());
    }

    [Fact]
    public async Task A_booted_vm_runs_commands_through_its_agent_and_shuts_down()
    {
        HostKvm.RequireHardware();
        using var backend = new KvmBackend(Options());
        await using var vm = await backend.BootAsync(await SpecAsync(snapshottable: false), Token);

        Assert.Equal("hello from kvm\n", await RunAsync(vm.Agent, "echo", "hello from kvm"));
        await vm.ShutdownAsync(TimeSpan.FromSeconds(20), Token);
        Assert.True(vm.Exited.IsCompleted);
    }

    [Fact]
    public async Task A_snapshot_restores_into_running_vms_that_continue_the_agent_session()
    {
        HostKvm.RequireHardware();
        using var backend = new KvmBackend(Options());
        var directory = Path.Combine(_root.FullName, "snapshot");
        VmSnapshot snapshot;
        await using (var vm = await backend.BootAsync(await SpecAsync(snapshottable: true), Token))
        {
            await RunAsync(vm.Agent, "sh", "-c", "echo before > /tmp/marker");
            snapshot = await backend.SnapshotAsync(vm, directory, Token);
        }

        Assert.Equal(KvmBackend.BackendName, VmSnapshot.Load(directory).Backend);
        var restored = new List<IMicroVm>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var vm = await backend.RestoreAsync(snapshot, Token);
                restored.Add(vm);
                Assert.Null(await vm.Agent.ResumeAsync(new ResumeRequest(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000, RandomNumberGenerator.GetBytes(32)), Token));
                Assert.Equal("before\n", await RunAsync(vm.Agent, "cat", "/tmp/marker"));
            }
        }
        finally
        {
            foreach (var vm in restored)
            {
                await vm.DisposeAsync();
            }
        }
    }

    public void Dispose() => _root.Delete(recursive: true);

    private KvmBackendOptions Options() => new() { RunDirectoryRoot = _root.FullName };

    private static async Task<VmBootSpec> SpecAsync(bool snapshottable)
    {
        var guest = await Guest.Value;
        return new VmBootSpec(guest.KernelPath, guest.InitrdPath, MemoryMiB: 256, Snapshottable: snapshottable);
    }

    private static async Task<string> RunAsync(AgentClient agent, params string[] argv)
    {
        var output = new StringBuilder();
        var result = await agent.ExecAsync(new ExecRequest(argv), new ExecOutput(chunk =>
        {
            output.Append(Encoding.UTF8.GetString(chunk.Span));
            return ValueTask.CompletedTask;
        }), Token);
        Assert.True(result.ExitCode == 0, $"{string.Join(' ', argv)}: {result}");
        return output.ToString();
    }
}
