namespace Faas.LoadTest.HostInfo;

/// <summary>The VM processes found under a platform process and the proportional set size (PSS) of each, in KiB.</summary>
public sealed record VmMemory(IReadOnlyList<(int Pid, long PssKiB)> Vms)
{
    public int Count => Vms.Count;

    public double? MeanMiB => Count == 0 ? null : Vms.Average(vm => vm.PssKiB) / 1024.0;

    public double? MinMiB => Count == 0 ? null : Vms.Min(vm => vm.PssKiB) / 1024.0;

    public double? MaxMiB => Count == 0 ? null : Vms.Max(vm => vm.PssKiB) / 1024.0;

    public double? TotalMiB => Count == 0 ? null : Vms.Sum(vm => vm.PssKiB) / 1024.0;
}
