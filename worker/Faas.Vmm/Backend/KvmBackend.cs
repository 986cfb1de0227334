using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Faas.Guest.Protocol;
using Faas.Vmm.Agent;
using Faas.Vmm.Arch.X64;
using Faas.Vmm.Boot;
using Faas.Vmm.Host;
using Faas.Vmm.Kvm;
using Faas.Vmm.Snapshots;

namespace Faas.Vmm.Backend;

/// <summary>
/// The built-in VMM as a backend: VMs run in this process on /dev/kvm, the agent's channel is the virtio console (/dev/hvc0 in
/// the guest), disks are virtio-blk. A snapshot is the VMM's state and memory files; a restore maps the memory file
/// MAP_PRIVATE into a VM shell made ahead of time and puts the state back.
/// </summary>
public sealed class KvmBackend : IVmBackend, IDisposable
{
    public const string BackendName = "kvm";

    /// <summary>
    /// The kernel command line before the devices' arguments: no faas.port, so the agent uses /dev/hvc0; reboot=t and panic=-1 make
    /// a reset or panic end the VM (a triple fault); the rest skips probing a micro-VM has nothing for.
    /// </summary>
    public const string KernelArguments =
        "console=ttyS0 quiet reboot=t panic=-1 no_timer_check tsc=reliable i8042.noaux i8042.nokbd i8042.nomux i8042.nopnp " +
        "nokaslr cryptomgr.notests";

    private readonly KvmBackendOptions _options;
    private readonly HostVirtualization _host;
    private readonly Lazy<KvmSystem> _kvm;
    private readonly ConcurrentDictionary<ShellShape, VmShellPool> _pools = new();

    public KvmBackend(KvmBackendOptions? options = null, HostVirtualization? host = null)
    {
        _options = options ?? new KvmBackendOptions();
        _host = host ?? new HostVirtualizationProbe().Detect();
        _kvm = new Lazy<KvmSystem>(() => KvmSystem.Shared);
    }

    public string Name => BackendName;

    public KvmBackendOptions Options => _options;

    public async Task<IMicroVm> BootAsync(VmBootSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        RequireLinuxCapableHost();
        RequireFile(spec.KernelPath, "guest kernel");
        RequireFile(spec.InitrdPath, "initramfs");
        cancellationToken.ThrowIfCancellationRequested();

        var clock = Stopwatch.StartNew();
        var (id, runDirectory, console) = CreateRunDirectory();
        Machine? machine = null;
        try
        {
            var config = ConfigOf(spec);
            var commandLine = string.IsNullOrWhiteSpace(spec.ExtraKernelArguments) ? KernelArguments : $"{KernelArguments} {spec.ExtraKernelArguments.Trim()}";
            machine = await Task.Run(
                () => VmBuilder.BootKernel(Kvm(), config, new KernelBootSource(spec.KernelPath, spec.InitrdPath, commandLine), console.Append, PoolFor(config)),
                cancellationToken).ConfigureAwait(false);
            machine.Start();
            var agent = await UntilStoppedAsync(
                machine,
                console,
                token => AgentClient.ConnectAsync(machine.Console!.HostStream, token),
                _options.BootTimeout,
                "the guest agent said hello",
                cancellationToken).ConfigureAwait(false);
            _ = PoolFor(config).RefillInBackground();
            return new KvmMicroVm(id, spec, machine, agent, console, runDirectory, clock.Elapsed, _options.KeepConsoleLog);
        }
        catch (Exception e)
        {
            await AbandonAsync(machine, console, runDirectory).ConfigureAwait(false);
            throw e switch
            {
                KernelFormatException or KvmException or SnapshotFormatException => new VmException($"cannot boot the VM: {e.Message}", e),
                _ => e,
            };
        }
    }

    public async Task<VmSnapshot> SnapshotAsync(IMicroVm vm, string directory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(vm);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (vm is not KvmMicroVm kvmVm)
        {
            throw new VmException($"VM {vm.Id} is not a VM of the built-in KVM backend: only the backend that runs a VM can snapshot it");
        }

        if (!kvmVm.Spec.Snapshottable)
        {
            throw new VmException($"VM {vm.Id} was not booted to be snapshotted (VmBootSpec.Snapshottable)");
        }

        if (kvmVm.Machine.Stopped.IsCompleted)
        {
            throw new VmException($"VM {vm.Id} has stopped: {await kvmVm.Machine.Stopped.ConfigureAwait(false)}");
        }

        var fullPath = Path.GetFullPath(directory);
        if (Directory.Exists(fullPath) && Directory.EnumerateFileSystemEntries(fullPath).Any())
        {
            throw new VmException($"the snapshot directory '{fullPath}' is not empty");
        }

        cancellationToken.ThrowIfCancellationRequested();
        await kvmVm.Machine.PauseAsync().ConfigureAwait(false);
        try
        {
            var files = await Task.Run(() => kvmVm.Machine.SaveSnapshot(fullPath), CancellationToken.None).ConfigureAwait(false);
            var snapshot = new VmSnapshot(fullPath, BackendName, kvmVm.Spec, kvmVm.Agent.Hello, kvmVm.Agent.NextChannel, files.StateBytes, files.MemoryBytes)
            {
                StateSha256 = await HashAsync(files.StatePath).ConfigureAwait(false),
            };
            snapshot.Save();
            return snapshot;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or KvmException or InvalidDataException)
        {
            throw new VmException($"saving VM {vm.Id} to '{fullPath}' failed: {e.Message}", e) { ConsoleTail = kvmVm.Console.Tail() };
        }
        finally
        {
            await kvmVm.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async Task<IMicroVm> RestoreAsync(VmSnapshot snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Backend != BackendName)
        {
            throw new VmException($"the snapshot in '{snapshot.Directory}' was taken by the {snapshot.Backend} backend; this is the {BackendName} backend");
        }

        RequireLinuxCapableHost();
        cancellationToken.ThrowIfCancellationRequested();
        var clock = Stopwatch.StartNew();
        if (snapshot.StateSha256 is { } expected && await HashAsync(SnapshotFiles.StatePathIn(snapshot.Directory)).ConfigureAwait(false) != expected)
        {
            throw new VmException($"the snapshot in '{snapshot.Directory}' is corrupt: its state file does not match {VmSnapshot.FileName}");
        }

        var (id, runDirectory, console) = CreateRunDirectory();
        Machine? machine = null;
        try
        {
            var pool = PoolFor(ConfigOf(snapshot.Spec));
            machine = VmBuilder.Restore(Kvm(), snapshot.Directory, console.Append, pool);
            machine.Start();
            var agent = AgentClient.Attach(machine.Console!.HostStream, snapshot.Hello, snapshot.NextChannel);
            _ = pool.RefillInBackground();
            return new KvmMicroVm(id, snapshot.Spec, machine, agent, console, runDirectory, clock.Elapsed, _options.KeepConsoleLog) { IsRestored = true };
        }
        catch (Exception e)
        {
            await AbandonAsync(machine, console, runDirectory).ConfigureAwait(false);
            throw e switch
            {
                SnapshotFormatException or KvmException => new VmException($"cannot restore the snapshot in '{snapshot.Directory}': {e.Message}", e),
                _ => e,
            };
        }
    }

    /// <summary>Frees the VM shells kept ready for restores.</summary>
    public void Dispose()
    {
        foreach (var pool in _pools.Values)
        {
            pool.Dispose();
        }

        _pools.Clear();
    }

    /// <summary>The machine a boot spec describes: its memory and vCPUs, the console for the agent, its disks.</summary>
    internal static MachineConfig ConfigOf(VmBootSpec spec) =>
        new((ulong)spec.MemoryMiB << 20, spec.VcpuCount)
        {
            VirtioConsole = true,
            Disks = spec.Disks ?? [],
            CpuidPolicy = CpuidPolicy.Host,
        };

    private void RequireLinuxCapableHost()
    {
        switch (_host.Kvm)
        {
            case KvmKind.Hardware:
                return;
            case KvmKind.Pvm when _options.AllowEmulatedKernelMode:
                return;
            case KvmKind.Pvm:
                throw new VmException(
                    "the built-in kvm backend cannot run a Linux guest on this host: /dev/kvm is kvm_pvm, which emulates guest kernel mode " +
                    "instruction by instruction (~2 µs each) and stops at instructions it cannot emulate (XSAVE, POPCNT, INT3), and it reports " +
                    "the host's CPUID features whatever the VMM sets, so they cannot be hidden. Synthetic guests run here; Linux guests need " +
                    "hardware virtualization (VMX/SVM) — use --backend qemu on this host");
            default:
                throw new VmException($"the built-in kvm backend needs /dev/kvm: {_host.KvmDetail}");
        }
    }

    private KvmSystem Kvm()
    {
        try
        {
            return _kvm.Value;
        }
        catch (KvmException e)
        {
            throw new VmException($"cannot use /dev/kvm: {e.Message}", e);
        }
    }

    private VmShellPool PoolFor(MachineConfig config) =>
        _pools.GetOrAdd(ShellShape.Of(config), shape => new VmShellPool(Kvm(), shape, _options.ShellPoolSize));

    private (string Id, string RunDirectory, ConsoleLogFile Console) CreateRunDirectory()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var directory = Path.Combine(_options.RunDirectoryRoot, id);
        try
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            return (id, directory, new ConsoleLogFile(Path.Combine(directory, "console.log")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VmException($"cannot create the VM's directory '{directory}': {e.Message}", e);
        }
    }

    /// <summary>Runs <paramref name="step"/> while the guest runs: the guest stopping or the time running out ends it with a <see cref="VmException"/>.</summary>
    private static async Task<T> UntilStoppedAsync<T>(
        Machine machine, ConsoleLogFile console, Func<CancellationToken, Task<T>> step, TimeSpan timeout, string until, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var stepping = step(limit.Token);
        if (await Task.WhenAny(stepping, machine.Stopped).ConfigureAwait(false) != stepping)
        {
            await limit.CancelAsync().ConfigureAwait(false);
            var stop = await machine.Stopped.ConfigureAwait(false);
            throw new VmException($"the guest stopped before {until}: {stop}") { ConsoleTail = console.Tail() };
        }

        try
        {
            return await stepping.ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VmException($"{until} did not happen within {timeout.TotalSeconds:0.#} s", e) { ConsoleTail = console.Tail() };
        }
        catch (ProtocolException e)
        {
            throw new VmException($"the agent channel broke before {until}: {e.Message}", e) { ConsoleTail = console.Tail() };
        }
    }

    private async Task AbandonAsync(Machine? machine, ConsoleLogFile console, string runDirectory)
    {
        if (machine is not null)
        {
            await machine.PauseAsync().ConfigureAwait(false);
            machine.Console?.Dispose();
            await machine.DisposeInBackgroundAsync().ConfigureAwait(false);
        }

        console.Dispose();
        if (!_options.KeepConsoleLog)
        {
            try
            {
                Directory.Delete(runDirectory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }

    private static async Task<string> HashAsync(string path)
    {
        try
        {
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(file).ConfigureAwait(false));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new VmException($"the snapshot's state file '{path}' is missing", e);
        }
    }

    private static void RequireFile(string path, string what)
    {
        if (!File.Exists(path))
        {
            throw new VmException($"the {what} '{path}' does not exist");
        }
    }
}
