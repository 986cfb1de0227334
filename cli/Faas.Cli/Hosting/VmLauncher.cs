using Faas.Guest.Artifacts;
using Faas.Vmm;
using Faas.Vmm.Backend;
using Faas.Vmm.Guest;
using Faas.Vmm.Host;
using Faas.Vmm.Qemu;
using Faas.Worker.Images;
using Faas.Worker.Instances;
using Microsoft.Extensions.Logging;

namespace Faas.Cli.Hosting;

/// <summary>Prepares everything a VM boot needs on this host: backend choice, guest kernel, agent and initramfs.</summary>
public sealed class VmLauncher : IDisposable
{
    private readonly ILoggerFactory _loggers = LoggerFactory.Create(logging => logging
        .AddSimpleConsole(console => console.SingleLine = true)
        .SetMinimumLevel(LogLevel.Information));

    private VmLauncher(BackendChoice choice, IVmBackend backend, GuestImage guest)
    {
        Choice = choice;
        Backend = backend;
        Guest = guest;
    }

    public BackendChoice Choice { get; }

    public IVmBackend Backend { get; }

    public GuestImage Guest { get; }

    /// <exception cref="ArgumentException">The requested backend cannot run here.</exception>
    public static async Task<VmLauncher> PrepareAsync(string? requestedBackend, CancellationToken cancellationToken)
    {
        var host = new HostVirtualizationProbe().Detect();
        var choice = BackendSelector.Choose(host, requestedBackend);
        var guest = await new GuestArtifacts().EnsureAsync(StderrProgress.Instance, cancellationToken);
        IVmBackend backend = choice.Backend == BackendSelector.Kvm
            ? new KvmBackend(new KvmBackendOptions(), host)
            : new QemuBackend(new QemuOptions { Accelerator = choice.Accelerator == "kvm" ? QemuAccelerator.Kvm : QemuAccelerator.Tcg });
        return new VmLauncher(choice, backend, guest);
    }

    /// <summary>Releases what the backend keeps ready ahead of time (the built-in VMM's pre-created VM shells), and the worker's log.</summary>
    public void Dispose()
    {
        (Backend as IDisposable)?.Dispose();
        _loggers.Dispose();
    }

    public VmBootSpec Spec(int memoryMiB, int vcpus) => new(Guest.KernelPath, Guest.InitrdPath, memoryMiB, vcpus);

    /// <summary>
    /// An instance manager on this backend keeping images and snapshots under <paramref name="cacheRoot"/> (null: the default cache),
    /// its snapshots within <paramref name="snapshotCacheMiB"/> (null: the default limit), sending <paramref name="workerKey"/> when
    /// it fetches a snapshot from a peer worker. What it does on its own (evictions) goes to stderr.
    /// </summary>
    public InstanceManager CreateInstanceManager(string? cacheRoot = null, string? workerKey = null, int? snapshotCacheMiB = null) => new(
        Backend,
        Guest,
        new ImageStore(new ImageStoreOptions { CacheRoot = cacheRoot }),
        new InstanceManagerOptions
        {
            CacheRoot = cacheRoot,
            BackendKey = $"{Choice.Backend}/{Choice.Accelerator}",
            WorkerKey = workerKey,
            SnapshotCacheMaxBytes = snapshotCacheMiB * 1024L * 1024,
        },
        logger: _loggers.CreateLogger("faas.worker"));
}
