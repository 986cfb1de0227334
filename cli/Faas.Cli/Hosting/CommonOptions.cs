using System.CommandLine;
using Faas.Vmm.Host;

namespace Faas.Cli.Hosting;

/// <summary>Options shared by the commands that boot VMs.</summary>
public static class CommonOptions
{
    public static Option<string> Backend() => new Option<string>("--backend")
    {
        Description = "VM backend: auto (the fastest that works here), qemu or kvm",
        DefaultValueFactory = _ => BackendSelector.Auto,
    }.AcceptOnlyFromAmong(BackendSelector.Auto, BackendSelector.Qemu, BackendSelector.Kvm);

    public static Option<int> Memory() => new("--memory")
    {
        Description = "Guest RAM in MiB",
        DefaultValueFactory = _ => 256,
    };

    public static Option<int> Cpus() => new("--cpus")
    {
        Description = "Virtual CPUs",
        DefaultValueFactory = _ => 1,
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print machine-readable JSON on stdout",
    };

    /// <summary>--snapshot-cache: the most disk space (MiB) a worker's snapshots may take.</summary>
    public static Option<int?> SnapshotCache()
    {
        var option = new Option<int?>("--snapshot-cache")
        {
            Description = "Disk space in MiB the worker's snapshots may take; least recently used go first ($FAAS_SNAPSHOT_CACHE, default: 25% of the cache's file system, at most 50 GiB)",
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0)
            {
                result.AddError("--snapshot-cache takes a number of MiB above 0");
            }
        });
        return option;
    }
}
