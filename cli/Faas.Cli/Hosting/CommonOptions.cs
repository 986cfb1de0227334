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
}
