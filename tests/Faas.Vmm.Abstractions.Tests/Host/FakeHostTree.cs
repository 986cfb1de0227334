namespace Faas.Vmm.Abstractions.Tests.Host;

/// <summary>A temporary directory laid out like /proc, /sys and /dev of a host with given properties.</summary>
internal sealed class FakeHostTree : IDisposable
{
    public FakeHostTree(string cpuFlags, string[] modules, bool kvmDevice)
    {
        Root = Directory.CreateTempSubdirectory("faas-host-").FullName;
        Directory.CreateDirectory(Path.Combine(Root, "proc"));
        File.WriteAllText(Path.Combine(Root, "proc/cpuinfo"), $"processor\t: 0\nmodel name\t: Test CPU 9000\nflags\t\t: fpu sse2 {cpuFlags} avx2\n\nprocessor\t: 1\nmodel name\t: Test CPU 9000\nflags\t\t: fpu\n");
        foreach (var module in modules)
        {
            Directory.CreateDirectory(Path.Combine(Root, "sys/module", module));
        }

        if (kvmDevice)
        {
            Directory.CreateDirectory(Path.Combine(Root, "dev"));
            File.WriteAllBytes(Path.Combine(Root, "dev/kvm"), []);
        }
    }

    public string Root { get; }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
